import type { BuilderIssue } from '../builder-types.ts';
import { PlaceholderJsonEditor } from '../placeholder-json-editor.tsx';

/** PLACEHOLDER (the "yaml" helper writes the real one): the whole definition as JSON. */
export function YamlEditor(props: { definition: Record<string, unknown>; onChange: (definition: Record<string, unknown>) => void; issues: BuilderIssue[] }) {
  return <PlaceholderJsonEditor label="Definition (JSON)" value={props.definition} onChange={props.onChange} issues={props.issues} />;
}
