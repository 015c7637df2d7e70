import { lazy, Suspense } from 'react';
import { Loading } from '../../../ui/states.tsx';
import type { YamlEditorProps } from './yaml-code-editor.tsx';

// CodeMirror and the schema tooling are large: their own chunk, loaded when the YAML tab opens.
const YamlCodeEditor = lazy(() => import('./yaml-code-editor.tsx').then((module) => ({ default: module.YamlCodeEditor })));

/**
 * The builder's YAML tab: the draft as text, edited both ways (see YamlCodeEditor). Keeps its own
 * text while it does not parse; calls `onChange` only with a parsed definition.
 * @example <YamlEditor definition={draft} onChange={setDraft} issues={issues} />
 */
export function YamlEditor(props: YamlEditorProps) {
  return (
    <Suspense fallback={<Loading label="Loading the YAML editor…" />}>
      <YamlCodeEditor {...props} />
    </Suspense>
  );
}
