import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../../api/api-client.ts';
import { asApiError } from '../../api/api-error.ts';
import type { Team, TeamChange } from '../../api/types.ts';
import { can, useMe } from '../../auth/session.ts';
import { Empty, ErrorState, Loading } from '../../ui/states.tsx';
import { EditTeamForm, NewTeamForm } from './team-forms.tsx';
import { TeamApprovals } from './team-approvals.tsx';

const teamsQuery = { queryKey: ['settings', 'teams'], queryFn: () => api<{ teams: Team[] }>('GET', '/teams') };

/**
 * Teams from Team definitions and their members; editors and admins make teams, change their title and
 * description, and add and remove members (each applies the team's definition).
 */
export function TeamsSection() {
  const me = useMe();
  const teams = useQuery(teamsQuery);
  const [creating, setCreating] = useState(false);
  if (teams.isPending) return <Loading />;
  if (teams.isError) return <ErrorState error={teams.error} retry={() => void teams.refetch()} />;
  const editable = can(me, 'definitions.apply');
  return (
    <div className="stack">
      <div className="row settings-intro">
        <p className="muted">
          Teams come from Team definitions. {editable ? 'A change here applies the team’s definition, so exports and the audit trail show it.' : 'Editors and admins make and change them.'}
        </p>
        {editable && !creating && (
          <button type="button" className="button primary" onClick={() => setCreating(true)}>
            New team
          </button>
        )}
      </div>
      {creating && <NewTeamForm onClose={() => setCreating(false)} />}
      {teams.data.teams.length === 0 && !creating && <Empty title="No teams yet.">{editable ? 'Make one with New team, or apply a Team definition.' : 'Teams come from Team definitions.'}</Empty>}
      <div className="grid grid-2 settings-grid">
        {teams.data.teams.map((team) => (
          <TeamCard key={team.id} team={team} editable={editable} />
        ))}
      </div>
    </div>
  );
}

function TeamCard({ team, editable }: { team: Team; editable: boolean }) {
  const queries = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [email, setEmail] = useState('');
  const onChanged = () => queries.invalidateQueries({ queryKey: ['settings'] });
  const add = useMutation({
    mutationFn: () => api<TeamChange>('POST', `/teams/${encodeURIComponent(team.id)}/members`, { body: { email } }),
    onSuccess: async () => {
      setEmail('');
      await onChanged();
    },
  });
  const remove = useMutation({
    mutationFn: (member: string) => api<TeamChange>('POST', `/teams/${encodeURIComponent(team.id)}/members/remove`, { body: { email: member } }),
    onSuccess: onChanged,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate();
  };
  const addError = add.error === null ? undefined : asApiError(add.error);
  const removeError = remove.error === null ? undefined : asApiError(remove.error);
  const titleId = `team-${team.id}-title`;
  return (
    <section className="card team-card" aria-labelledby={titleId} data-team={team.id}>
      <div className="row settings-card-head">
        <h2 id={titleId}>
          {team.title} <span className="muted team-id">{team.id}</span>
        </h2>
        {editable && !editing && (
          <button type="button" className="button subtle" onClick={() => setEditing(true)}>
            Edit<span className="visually-hidden"> {team.title}</span>
          </button>
        )}
      </div>
      {editing ? <EditTeamForm team={team} onClose={() => setEditing(false)} /> : team.description !== null && <p className="team-description">{team.description}</p>}
      <TeamApprovals team={team} />
      {team.members.length === 0 ? (
        <p className="muted">No members: approvals assigned to this team wait for someone.</p>
      ) : (
        <ul className="member-list" aria-label={`Members of ${team.title}`}>
          {team.members.map((member) => (
            <li key={member.email}>
              <span className="member-name">
                <strong>{member.name ?? member.email}</strong>
                {member.name !== null && <span className="muted"> {member.email}</span>}
                {member.disabled && <span className="badge bad">Disabled</span>}
              </span>
              {editable && (
                <button type="button" className="button subtle" disabled={remove.isPending} onClick={() => remove.mutate(member.email)}>
                  Remove<span className="visually-hidden"> {member.email} from {team.title}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {removeError !== undefined && <p className="form-error" role="alert">{removeError.message}</p>}
      {editable && (
        <form className="add-member" onSubmit={submit}>
          <label className="field">
            <span>Add a member by email</span>
            <input type="email" required value={email} onChange={(event) => setEmail(event.target.value)} aria-invalid={addError !== undefined} placeholder="name@company.com" />
          </label>
          <button type="submit" className="button" disabled={add.isPending}>
            {add.isPending ? 'Adding…' : 'Add'}
            <span className="visually-hidden"> to {team.title}</span>
          </button>
          {addError !== undefined && <p className="field-error add-member-error">{addError.message}</p>}
        </form>
      )}
    </section>
  );
}
