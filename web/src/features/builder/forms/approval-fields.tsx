import { useQuery } from '@tanstack/react-query';
import { objectOf, patched, textOf } from './draft-patch.ts';
import { FormRow } from './form-row.tsx';
import { InputFieldsEditor } from './input-fields-editor.tsx';
import { issuesAt, type PlacedIssue } from './issue-match.ts';
import { teamsQuery } from './reference-queries.ts';
import { StepSelect } from './step-select.tsx';

type Doc = Record<string, unknown>;

/** An approval: who decides (a team or people), how many, the timeout and reminders, where each decision goes, and the approver's form. */
export function ApprovalFields({ step, set, placed }: { step: Doc; set: (changes: Doc) => void; placed: readonly PlacedIssue[] }) {
  const teams = useQuery(teamsQuery);
  const assignee = objectOf(step.assignee);
  const byUsers = Array.isArray(assignee.users);
  const on = objectOf(step.on);
  const self = textOf(step, 'id');
  const setOn = (changes: Doc) => {
    const next = patched(on, changes);
    set({ on: Object.keys(next).length === 0 ? undefined : next });
  };
  const quorum = typeof step.quorum === 'string' || typeof step.quorum === 'number' ? String(step.quorum) : 'any';
  return (
    <>
      <FormRow label="Who decides" required issues={issuesAt(placed, ['assignee'])}>
        {(id, describedBy) => (
          <div className="recipients-input">
            <select aria-label="Who decides: kind" value={byUsers ? 'users' : 'team'} onChange={(event) => set({ assignee: event.target.value === 'users' ? { users: [] } : { team: teams.data?.teams[0]?.id ?? '' } })}>
              <option value="team">A team</option>
              <option value="users">People</option>
            </select>
            {byUsers ? (
              <input id={id} aria-describedby={describedBy} placeholder="pat@example.com, sam@example.com" value={(assignee.users as unknown[]).join(', ')} onChange={(event) => set({ assignee: { users: event.target.value.split(',').map((user) => user.trim()).filter((user) => user !== '') } })} />
            ) : (
              <select id={id} aria-describedby={describedBy} value={textOf(assignee, 'team')} onChange={(event) => set({ assignee: { team: event.target.value } })}>
                <option value="">{teams.isPending ? 'Loading teams…' : 'Choose a team…'}</option>
                {teams.data?.teams.map((team) => (
                  <option key={team.id} value={team.id}>
                    {team.title === '' ? team.id : team.title}
                  </option>
                ))}
              </select>
            )}
          </div>
        )}
      </FormRow>
      <div className="grid grid-3">
        <FormRow label="Approvals needed" help="One person, everyone, or a number." issues={issuesAt(placed, ['quorum'])}>
          {(id, describedBy) => (
            <>
              <input id={id} aria-describedby={describedBy} list={`${id}-quorum`} value={quorum} onChange={(event) => set({ quorum: event.target.value === 'any' || event.target.value === '' ? undefined : /^\d+$/.test(event.target.value) ? Number(event.target.value) : event.target.value })} />
              <datalist id={`${id}-quorum`}>
                <option value="any" />
                <option value="all" />
              </datalist>
            </>
          )}
        </FormRow>
        <FormRow label="Timeout" help="How long to wait for a decision, e.g. 2d." issues={issuesAt(placed, ['timeout'])}>
          {(id, describedBy) => <input id={id} aria-describedby={describedBy} placeholder="2d" value={textOf(step, 'timeout')} onChange={(event) => set({ timeout: event.target.value || undefined })} />}
        </FormRow>
        <FormRow label="Remind every" help="Email the approvers again while it waits, e.g. 1d." issues={issuesAt(placed, ['remind_every'])}>
          {(id, describedBy) => <input id={id} aria-describedby={describedBy} placeholder="1d" value={textOf(step, 'remind_every')} onChange={(event) => set({ remind_every: event.target.value || undefined })} />}
        </FormRow>
      </div>
      <label className="choice builder-choice">
        <input type="checkbox" checked={step.require_comment_on_reject === true} onChange={(event) => set({ require_comment_on_reject: event.target.checked || undefined })} /> A rejection must say why
      </label>
      <div className="grid grid-3">
        <FormRow label="When approved, go to" issues={issuesAt(placed, ['on', 'approved'])}>
          {(id) => <StepSelect id={id} self={self} value={textOf(on, 'approved')} emptyLabel="The step below" onChange={(approved) => setOn({ approved })} />}
        </FormRow>
        <FormRow label="When rejected, go to" issues={issuesAt(placed, ['on', 'rejected'])}>
          {(id) => <StepSelect id={id} self={self} value={textOf(on, 'rejected')} emptyLabel="The step below" onChange={(rejected) => setOn({ rejected })} />}
        </FormRow>
        <FormRow label="When timed out, go to" issues={issuesAt(placed, ['on_timeout'])}>
          {(id) => <StepSelect id={id} self={self} value={textOf(step, 'on_timeout')} emptyLabel="Not set" onChange={(on_timeout) => set({ on_timeout })} />}
        </FormRow>
      </div>
      <InputFieldsEditor
        legend="Approver's form"
        help="Fields the approver fills in; their values are in the step's output."
        fields={Array.isArray(step.form) ? step.form.map(objectOf) : []}
        onChange={(form) => set({ form: form.length === 0 ? undefined : form })}
        issues={placed.filter(({ rest }) => rest[0] === 'form').map(({ issue, rest }) => ({ issue, rest: rest.slice(1) }))}
      />
    </>
  );
}
