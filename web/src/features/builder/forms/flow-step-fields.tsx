import { objectOf, textOf } from './draft-patch.ts';
import { FormRow } from './form-row.tsx';
import { issuesAt, type PlacedIssue } from './issue-match.ts';
import { KeyValueRows } from './key-value-rows.tsx';
import { ValueInput } from './value-input.tsx';

type Doc = Record<string, unknown>;
interface FieldsProps {
  step: Doc;
  set: (changes: Doc) => void;
  placed: readonly PlacedIssue[];
}

/** A wait: a duration, or the time to wait until. */
export function WaitFields({ step, set, placed }: FieldsProps) {
  return (
    <div className="grid grid-2">
      <FormRow label="Wait for" help="A duration such as 30m, 2d." issues={issuesAt(placed, ['for'])}>
        {(id, describedBy) => <input id={id} aria-describedby={describedBy} placeholder="2d" value={textOf(step, 'for')} onChange={(event) => set({ for: event.target.value || undefined })} />}
      </FormRow>
      <FormRow label="Or wait until" help="An expression giving an ISO time or epoch milliseconds." issues={issuesAt(placed, ['until'])}>
        {(id, describedBy) => <input id={id} className="mono" aria-describedby={describedBy} value={textOf(step, 'until')} onChange={(event) => set({ until: event.target.value || undefined })} />}
      </FormRow>
    </div>
  );
}

/** A set step: variable names and their values (templates). */
export function SetFields({ step, set, placed }: FieldsProps) {
  return (
    <FormRow label="Variables" help="Each name becomes a variable for the steps after this one." issues={issuesAt(placed, ['values'])}>
      {() => <KeyValueRows label="Variables" keyPlaceholder="name" value={objectOf(step.values)} onChange={(values) => set({ values })} addLabel="+ Add variable" />}
    </FormRow>
  );
}

/** An end step: the run's final status and outcome. */
export function EndFields({ step, set, placed }: FieldsProps) {
  return (
    <div className="grid grid-2">
      <FormRow label="Status" issues={issuesAt(placed, ['status'])}>
        {(id) => (
          <select id={id} value={textOf(step, 'status') || 'succeeded'} onChange={(event) => set({ status: event.target.value === 'succeeded' ? undefined : event.target.value })}>
            <option value="succeeded">Succeeded</option>
            <option value="failed">Failed</option>
            <option value="cancelled">Cancelled</option>
          </select>
        )}
      </FormRow>
      <FormRow label="Outcome" help="A name for how the run ended, such as Refunded." issues={issuesAt(placed, ['outcome'])}>
        {(id, describedBy) => <input id={id} aria-describedby={describedBy} value={textOf(step, 'outcome')} onChange={(event) => set({ outcome: event.target.value || undefined })} />}
      </FormRow>
    </div>
  );
}

/** A workflow step: the workflow to run, its input, and where its result goes. */
export function WorkflowFields({ step, set, placed }: FieldsProps) {
  return (
    <>
      <FormRow label="Workflow" required help="The id of the workflow to run." issues={issuesAt(placed, ['workflow'])}>
        {(id, describedBy) => <input id={id} aria-describedby={describedBy} value={textOf(step, 'workflow')} onChange={(event) => set({ workflow: event.target.value })} />}
      </FormRow>
      <FormRow label="Input" help="Its input fields; values take {{ }} references." issues={issuesAt(placed, ['input'])}>
        {() => <KeyValueRows label="Input" keyPlaceholder="field key" value={objectOf(step.input)} onChange={(input) => set({ input: Object.keys(input).length === 0 ? undefined : input })} addLabel="+ Add input" />}
      </FormRow>
      <OutputField step={step} set={set} placed={placed} />
    </>
  );
}

/** A parallel step's own field: when to go on (its branches are edited on the graph). */
export function ParallelFields({ step, set, placed }: FieldsProps) {
  return (
    <FormRow label="Go on when" help="The branches' steps are edited on the graph." issues={issuesAt(placed, ['join'])}>
      {(id, describedBy) => (
        <select id={id} aria-describedby={describedBy} value={textOf(step, 'join') || 'all'} onChange={(event) => set({ join: event.target.value === 'all' ? undefined : event.target.value })}>
          <option value="all">All branches are done</option>
          <option value="any">Any one branch is done</option>
        </select>
      )}
    </FormRow>
  );
}

/** A foreach step's own fields: the list, the item variable, concurrency, output (its body is edited on the graph). */
export function ForeachFields({ step, set, placed }: FieldsProps) {
  return (
    <>
      <FormRow label="For each item of" required help="An expression giving the list, e.g. object.lines.data." issues={issuesAt(placed, ['items'])}>
        {(id, describedBy) => <ValueInput id={id} label="Items" describedBy={describedBy} value={textOf(step, 'items')} onChange={(items) => set({ items })} />}
      </FormRow>
      <div className="grid grid-2">
        <FormRow label="Item variable" help="Each item is in this variable, its index in <name>_index." issues={issuesAt(placed, ['as'])}>
          {(id, describedBy) => <input id={id} className="mono" aria-describedby={describedBy} placeholder="item" value={textOf(step, 'as')} onChange={(event) => set({ as: event.target.value || undefined })} />}
        </FormRow>
        <FormRow label="At once" help="How many items run at the same time (1 to 100)." issues={issuesAt(placed, ['concurrency'])}>
          {(id, describedBy) => <input id={id} type="number" min={1} max={100} aria-describedby={describedBy} value={typeof step.concurrency === 'number' ? step.concurrency : 1} onChange={(event) => set({ concurrency: event.target.value === '' || event.target.value === '1' ? undefined : Number(event.target.value) })} />}
        </FormRow>
      </div>
      <OutputField step={step} set={set} placed={placed} />
    </>
  );
}

function OutputField({ step, set, placed }: FieldsProps) {
  return (
    <FormRow label="Output variable" help={`Later steps read the result as ${textOf(step, 'output') || textOf(step, 'id') || 'the step id'}.`} issues={issuesAt(placed, ['output'])}>
      {(id, describedBy) => <input id={id} className="mono" aria-describedby={describedBy} placeholder={textOf(step, 'id')} value={textOf(step, 'output')} onChange={(event) => set({ output: event.target.value || undefined })} />}
    </FormRow>
  );
}
