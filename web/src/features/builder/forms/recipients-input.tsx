import { useQuery } from '@tanstack/react-query';
import { objectOf } from './draft-patch.ts';
import { teamsQuery } from './reference-queries.ts';
import { ValueInput } from './value-input.tsx';

type Mode = 'team' | 'address' | 'users';

function modeOf(value: unknown): Mode {
  if (typeof objectOf(value).team === 'string') return 'team';
  if (Array.isArray(objectOf(value).users)) return 'users';
  return 'address';
}

interface RecipientsInputProps {
  id: string;
  label: string;
  value: unknown;
  onChange: (value: unknown) => void;
  describedBy?: string | undefined;
}

/**
 * Who an email goes to: a team (from GET /teams), people by email (`{users: [...]}`), or an address
 * (which may be a `{{ }}` reference such as `{{ customerEmail }}`). A list mixing these is kept as is
 * and shown as text.
 */
export function RecipientsInput({ id, label, value, onChange, describedBy }: RecipientsInputProps) {
  const teams = useQuery(teamsQuery);
  if (Array.isArray(value)) {
    return (
      <p className="muted small" id={id}>
        Several recipients: <code>{JSON.stringify(value)}</code>. Edit them in the YAML tab.
      </p>
    );
  }
  const mode = modeOf(value);
  const team = typeof objectOf(value).team === 'string' ? (objectOf(value).team as string) : '';
  const users = Array.isArray(objectOf(value).users) ? (objectOf(value).users as unknown[]).filter((user): user is string => typeof user === 'string') : [];
  const setMode = (next: Mode) => onChange(next === 'team' ? { team: teams.data?.teams[0]?.id ?? '' } : next === 'users' ? { users: [] } : '');
  return (
    <div className="recipients-input">
      <select aria-label={`${label}: kind`} value={mode} onChange={(event) => setMode(event.target.value as Mode)}>
        <option value="team">A team</option>
        <option value="users">People</option>
        <option value="address">An address</option>
      </select>
      {mode === 'team' && (
        <select id={id} aria-describedby={describedBy} value={team} onChange={(event) => onChange({ team: event.target.value })}>
          <option value="">{teams.isPending ? 'Loading teams…' : 'Choose a team…'}</option>
          {team !== '' && !teams.data?.teams.some((candidate) => candidate.id === team) && <option value={team}>{team}</option>}
          {teams.data?.teams.map((candidate) => (
            <option key={candidate.id} value={candidate.id}>
              {candidate.title === '' ? candidate.id : candidate.title}
            </option>
          ))}
        </select>
      )}
      {mode === 'users' && (
        <input
          id={id}
          aria-describedby={describedBy}
          type="text"
          placeholder="pat@example.com, sam@example.com"
          value={users.join(', ')}
          onChange={(event) => onChange({ users: event.target.value.split(',').map((user) => user.trim()).filter((user) => user !== '') })}
        />
      )}
      {mode === 'address' && <ValueInput id={id} label={label} describedBy={describedBy} value={typeof value === 'string' ? value : ''} placeholder="name@example.com" onChange={(next) => onChange(next)} />}
    </div>
  );
}
