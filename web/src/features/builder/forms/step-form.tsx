import type { BuilderIssue } from '../builder-types.ts';
import { PlaceholderJsonEditor } from '../placeholder-json-editor.tsx';

export interface StepFormContext {
  definition: Record<string, unknown>;
  stepIds: string[];
  /** The graph node id of this step. */
  path: string;
}

/** PLACEHOLDER (the "forms" helper writes the real one): the step as JSON. */
export function StepForm(props: { step: Record<string, unknown>; onChange: (step: Record<string, unknown>) => void; context: StepFormContext; issues: BuilderIssue[] }) {
  return <PlaceholderJsonEditor label="Step (JSON)" value={props.step} onChange={props.onChange} issues={props.issues} />;
}
