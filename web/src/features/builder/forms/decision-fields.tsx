import { ConditionBuilder } from './condition-builder.tsx';
import { objectOf, patched, textOf } from './draft-patch.ts';
import { FieldIssues, FormRow } from './form-row.tsx';
import { useFormScope } from './form-scope.tsx';
import { issuesAt, type PlacedIssue } from './issue-match.ts';
import { StepSelect } from './step-select.tsx';

type Doc = Record<string, unknown>;

/** A decision: branches tried in order, each a condition (the same builder as the trigger's) and a step to go to; then `otherwise`. */
export function DecisionFields({ step, set, placed }: { step: Doc; set: (changes: Doc) => void; placed: readonly PlacedIssue[] }) {
  const { variables, defaultCurrency } = useFormScope();
  const branches = Array.isArray(step.branches) ? step.branches.map(objectOf) : [];
  const setBranch = (index: number, changes: Doc) => set({ branches: branches.map((branch, at) => (at === index ? patched(branch, changes) : branch)) });
  const self = textOf(step, 'id');
  return (
    <>
      <ol className="branch-list">
        {branches.map((branch, index) => (
          <li key={index} className="branch card">
            <div className="branch-header">
              <h4>Branch {index + 1}</h4>
              <button type="button" className="button subtle" aria-label={`Remove branch ${index + 1}`} onClick={() => set({ branches: branches.filter((_, at) => at !== index) })}>
                Remove
              </button>
            </div>
            <ConditionBuilder
              label="When"
              expression={textOf(branch, 'when')}
              onChange={(when) => setBranch(index, { when: when ?? '' })}
              fields={variables}
              defaultCurrency={defaultCurrency}
              issues={issuesAt(placed, ['branches', index, 'when'])}
              emptyText="Add a condition: a branch is taken when it holds."
            />
            <FormRow label="Then go to" required issues={issuesAt(placed, ['branches', index, 'next'])}>
              {(id, describedBy) => <StepSelect id={id} describedBy={describedBy} self={self} value={textOf(branch, 'next')} onChange={(next) => setBranch(index, { next: next ?? '' })} />}
            </FormRow>
          </li>
        ))}
      </ol>
      <FieldIssues issues={placed.filter(({ rest }) => rest[0] === 'branches' && rest.length <= 2 && !(rest.length === 2 && typeof rest[1] !== 'number')).map(({ issue }) => issue)} />
      <div className="row">
        <button type="button" className="button" onClick={() => set({ branches: [...branches, { when: '', next: '' }] })}>
          + Add branch
        </button>
      </div>
      <FormRow label="Otherwise, go to" required help="When no branch's condition holds." issues={issuesAt(placed, ['otherwise'])}>
        {(id, describedBy) => <StepSelect id={id} describedBy={describedBy} self={self} value={textOf(step, 'otherwise')} onChange={(otherwise) => set({ otherwise: otherwise ?? '' })} />}
      </FormRow>
    </>
  );
}
