import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api } from '../../api/api-client.ts';
import { asApiError } from '../../api/api-error.ts';
import type { Team, TeamChange } from '../../api/types.ts';
import { idFromTitle } from '../../../../src/core/id-from-title.ts';
import { TextArea, TextField } from '../../ui/form-fields.tsx';
import { FormActions, useKeyedSubmit } from '../../ui/form-actions.tsx';
import { issueText, formErrors } from '../../ui/form-errors.ts';

/** Emails typed one per line or separated by commas. */
function emailsOf(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((email) => email.trim())
    .filter((email) => email !== '');
}

/** Making a team: its title, id (from the title until typed), description and first members; applied as a Team document. */
export function NewTeamForm({ onClose }: { onClose: () => void }) {
  const queries = useQueryClient();
  const [title, setTitle] = useState('');
  const [id, setId] = useState<string | undefined>();
  const [description, setDescription] = useState('');
  const [members, setMembers] = useState('');
  const teamId = id ?? idFromTitle(title);
  const create = useMutation({
    mutationFn: (idempotencyKey: string) =>
      api<TeamChange>('POST', '/teams', {
        idempotencyKey,
        body: { id: teamId, title, ...(description.trim() === '' ? {} : { description }), members: emailsOf(members).map((email) => ({ email })) },
      }),
    onSuccess: async () => {
      await queries.invalidateQueries({ queryKey: ['settings'] });
      onClose();
    },
  });
  const { edited, submit } = useKeyedSubmit((idempotencyKey) => create.mutate(idempotencyKey));
  const error = create.error === null ? undefined : asApiError(create.error);
  const errors = formErrors(error, ['body.id', 'body.title', 'body.description', 'body.members']);
  // A member's problem names the address as typed, not its place in the list.
  const typed = emailsOf(members);
  const memberErrors = error?.issues
    .map((issue) => /^body\.members\[(\d+)\]/.exec(issue.path))
    .map((match, index) => (match === null ? undefined : `${typed[Number(match[1])] ?? `member ${Number(match[1]) + 1}`}: ${issueText(error.issues[index] ?? { path: '', message: '' })}`))
    .filter((message) => message !== undefined);
  const panel = useRef<HTMLElement>(null);
  useEffect(() => panel.current?.querySelector('input')?.focus(), []);
  return (
    <section className="card" aria-labelledby="new-team-title" ref={panel}>
      <div className="row settings-card-head">
        <h2 id="new-team-title">New team</h2>
        <button type="button" className="button subtle" onClick={onClose}>
          Cancel
        </button>
      </div>
      <form className="team-form" onSubmit={submit} noValidate>
        <TextField label="Title" value={title} onChange={edited(setTitle)} error={errors.at('body.title')} required placeholder="Finance approvers" />
        <TextField
          label="Id"
          hint="Approvals and emails name the team by it ({team: …}); it cannot change later."
          value={teamId}
          onChange={edited((value: string) => setId(value))}
          error={errors.at('body.id')}
          required
          placeholder="finance-approvers"
        />
        <TextArea label="Description" optional value={description} onChange={edited(setDescription)} error={errors.at('body.description')} rows={2} />
        <TextArea
          label="Members"
          optional
          hint="Emails, one per line. Who is not a user yet becomes one (an approver without a password)."
          value={members}
          onChange={edited(setMembers)}
          error={memberErrors !== undefined && memberErrors.length > 0 ? memberErrors.join(' ') : errors.at('body.members')}
          rows={3}
          placeholder="fran@example.com"
        />
        <FormActions rest={errors.rest} pending={create.isPending} label="Create team" pendingLabel="Creating…" />
      </form>
    </section>
  );
}

/** Changing a team's title and description; its members stay. */
export function EditTeamForm({ team, onClose }: { team: Team; onClose: () => void }) {
  const queries = useQueryClient();
  const [title, setTitle] = useState(team.title);
  const [description, setDescription] = useState(team.description ?? '');
  const save = useMutation({
    mutationFn: () => api<TeamChange>('POST', `/teams/${encodeURIComponent(team.id)}`, { body: { title, description: description.trim() === '' ? null : description } }),
    onSuccess: async () => {
      await queries.invalidateQueries({ queryKey: ['settings'] });
      onClose();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  const errors = formErrors(save.error === null ? undefined : asApiError(save.error), ['body.title', 'body.description']);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => form.current?.querySelector('input')?.focus(), []);
  return (
    <form className="team-form" onSubmit={submit} ref={form} noValidate aria-label={`Change ${team.title}`}>
      <TextField label="Title" value={title} onChange={setTitle} error={errors.at('body.title')} required />
      <TextArea label="Description" optional value={description} onChange={setDescription} error={errors.at('body.description')} rows={2} />
      <FormActions rest={errors.rest} pending={save.isPending} label="Save" pendingLabel="Saving…" hiddenLabel={team.title} onCancel={onClose} />
    </form>
  );
}
