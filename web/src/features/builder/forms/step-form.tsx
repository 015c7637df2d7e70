import { useQuery } from '@tanstack/react-query';
import { ErrorState, Loading } from '../../../ui/states.tsx';
import type { BuilderIssue } from '../builder-types.ts';
import { ActionFields } from './action-fields.tsx';
import { ApprovalFields } from './approval-fields.tsx';
import { DecisionFields } from './decision-fields.tsx';
import { knownStepType } from '../model/draft-steps.ts';
import { objectOf, patched, textOf } from './draft-patch.ts';
import { EndFields, ForeachFields, ParallelFields, SetFields, WaitFields, WorkflowFields } from './flow-step-fields.tsx';
import { FieldIssues, FormRow } from './form-row.tsx';
import { FormScopeContext } from './form-scope.tsx';
import { issuesAt, issuesUnder, unplacedIssues, type PlacedIssue } from './issue-match.ts';
import { eventTypeQuery, eventTypesQuery, operationsQuery } from './reference-queries.ts';
import { StepIdInput } from './step-id-input.tsx';
import { stepScope } from './step-location.ts';
import { StepSelect } from './step-select.tsx';
import { eventTypesOf } from './trigger-types.ts';
import { variableOptions } from './variable-options.ts';

type Doc = Record<string, unknown>;

export interface StepFormContext {
  definition: Doc;
  stepIds: string[];
  /** The graph node id of this step (`refund`, `fanout/1/notify`, `each/*` + `/charge`). */
  path: string;
}

interface StepFormProps {
  step: Doc;
  onChange: (step: Doc) => void;
  context: StepFormContext;
  issues: BuilderIssue[];
}

/** Every field a step form may show; an issue about any other key is shown at the top of the form. */
const STEP_FIELDS = [
  'id', 'title', 'next', 'uses', 'connector', 'with', 'output', 'retry', 'on_error', 'timeout', 'branches', 'otherwise', 'assignee', 'quorum',
  'require_comment_on_reject', 'on_timeout', 'on', 'form', 'for', 'until', 'join', 'items', 'as', 'concurrency', 'values', 'workflow', 'input', 'outcome', 'status',
];

/**
 * One step's own fields, by its type (a parallel's or foreach's body is edited on the graph).
 * Issues are matched by position: `context.path` is resolved in `context.definition` to the step's
 * keys (`['steps', 2]`, or deeper for a nested step, see step-location.ts), and each issue whose keys
 * start with them is shown beside the field its remaining keys name (`['with', 'amount']`).
 */
export function StepForm({ step, onChange, context, issues }: StepFormProps) {
  const operations = useQuery(operationsQuery);
  const eventTypes = useQuery(eventTypesQuery);
  const firstEvent = eventTypesOf(objectOf(context.definition.trigger))[0];
  const eventType = useQuery({ ...eventTypeQuery(firstEvent ?? ''), enabled: firstEvent !== undefined });
  const scope = stepScope(context.definition, context.path);
  const placed = scope === null ? [] : issuesUnder(issues, scope.keys);
  const variables = variableOptions({
    definition: context.definition,
    path: context.path,
    eventFields: eventType.data?.event_type.fields ?? [],
    operations: operations.data?.operations ?? [],
  });
  const set = (changes: Doc) => onChange(patched(step, changes));
  const type = textOf(step, 'type');
  return (
    <FormScopeContext value={{ variables, stepIds: context.stepIds, defaultCurrency: eventTypes.data?.default_currency ?? 'usd' }}>
      <div className="builder-form step-form">
        <FieldIssues issues={unplacedIssues(placed, STEP_FIELDS)} />
        <div className="grid grid-2">
          <FormRow label="Step id" required help="Other steps name this step by it; applied when you leave the field." issues={issuesAt(placed, ['id'])}>
            {(id, describedBy) => <StepIdInput id={id} describedBy={describedBy} value={textOf(step, 'id')} onChange={(next) => set({ id: next })} />}
          </FormRow>
          <FormRow label="Title" help="A name for people, shown in the run history." issues={issuesAt(placed, ['title'])}>
            {(id, describedBy) => <input id={id} aria-describedby={describedBy} value={textOf(step, 'title')} onChange={(event) => set({ title: event.target.value || undefined })} />}
          </FormRow>
        </div>
        {type === 'action' && operations.isPending && <Loading label="Loading operations…" />}
        {type === 'action' && operations.isError && <ErrorState error={operations.error} retry={() => void operations.refetch()} />}
        <TypeFields type={type} step={step} set={set} placed={placed} operations={operations.data?.operations} />
        {type !== 'decision' && type !== 'end' && (
          <FormRow label="Then go to" help="Default: the step below." issues={issuesAt(placed, ['next'])}>
            {(id, describedBy) => <StepSelect id={id} describedBy={describedBy} self={textOf(step, 'id')} value={textOf(step, 'next')} emptyLabel="The step below" onChange={(next) => set({ next })} />}
          </FormRow>
        )}
      </div>
    </FormScopeContext>
  );
}

function TypeFields({ type, step, set, placed, operations }: { type: string; step: Doc; set: (changes: Doc) => void; placed: PlacedIssue[]; operations: Parameters<typeof ActionFields>[0]['operations'] | undefined }) {
  const known = knownStepType(step);
  if (known === undefined) return <p className="form-error">This step has no known type ({type || 'none'}); choose one in the YAML tab.</p>;
  switch (known) {
    case 'action':
      return operations === undefined ? null : <ActionFields step={step} set={set} placed={placed} operations={operations} />;
    case 'decision':
      return <DecisionFields step={step} set={set} placed={placed} />;
    case 'approval':
      return <ApprovalFields step={step} set={set} placed={placed} />;
    case 'wait':
      return <WaitFields step={step} set={set} placed={placed} />;
    case 'set':
      return <SetFields step={step} set={set} placed={placed} />;
    case 'end':
      return <EndFields step={step} set={set} placed={placed} />;
    case 'workflow':
      return <WorkflowFields step={step} set={set} placed={placed} />;
    case 'parallel':
      return <ParallelFields step={step} set={set} placed={placed} />;
    case 'foreach':
      return <ForeachFields step={step} set={set} placed={placed} />;
    default: {
      const _: never = known;
      return _;
    }
  }
}
