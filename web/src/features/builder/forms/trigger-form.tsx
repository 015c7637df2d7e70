import type { BuilderIssue } from '../builder-types.ts';
import { PlaceholderJsonEditor } from '../placeholder-json-editor.tsx';

/** PLACEHOLDER (the "forms" helper writes the real one): the trigger as JSON. */
export function TriggerForm(props: { trigger: Record<string, unknown>; onChange: (trigger: Record<string, unknown>) => void; issues: BuilderIssue[] }) {
  return <PlaceholderJsonEditor label="Trigger (JSON)" value={props.trigger} onChange={props.onChange} issues={props.issues} />;
}
