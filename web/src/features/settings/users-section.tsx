import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api } from '../../api/api-client.ts';
import { asApiError } from '../../api/api-error.ts';
import type { User } from '../../api/types.ts';
import { can, useMe } from '../../auth/session.ts';
import { DataTable } from '../../ui/data-table.tsx';
import { Empty, ErrorState, Loading } from '../../ui/states.tsx';
import { formatDateTime } from '../../ui/time.ts';
import { OneTimeSecret } from './one-time-secret.tsx';
import { isLocked, LockedBadge, UnlockButton } from './unlock-user.tsx';
import { statusLabel } from '../../ui/status-label.ts';
import { useTeamName } from '../../api/team-names.ts';

type Role = User['roles'][number];
const ROLES: { role: Role; meaning: string }[] = [
  { role: 'admin', meaning: 'everything, people included' },
  { role: 'editor', meaning: 'workflows and definitions' },
  { role: 'approver', meaning: 'decides approval tasks' },
  { role: 'requester', meaning: 'submits catalog requests' },
  { role: 'viewer', meaning: 'reads only' },
];

export const usersQuery = { queryKey: ['settings', 'users'], queryFn: () => api<{ users: User[] }>('GET', '/users') };

/** Admins: every user, creating one (with a first password shown once), roles, disable and enable, unlocking a locked-out login. */
export function UsersSection() {
  const me = useMe();
  if (!can(me, 'identity.admin')) return <Empty title="Only admins manage users.">Your own account is under My account.</Empty>;
  return <UsersAdmin />;
}

function UsersAdmin() {
  const users = useQuery(usersQuery);
  const teamName = useTeamName();
  const [editing, setEditing] = useState<string | undefined>();
  const [unlocked, setUnlocked] = useState<string | undefined>();
  const column = createColumnHelper<User>();
  const columns = [
    column.accessor('email', {
      header: 'User',
      cell: (info) => (
        <div>
          <strong>{info.row.original.name ?? info.getValue()}</strong>
          {info.row.original.name !== null && <div className="muted">{info.getValue()}</div>}
        </div>
      ),
    }),
    column.accessor('roles', { header: 'Roles', cell: (info) => <span className="row">{info.getValue().map((role) => <span key={role} className="badge info">{statusLabel(role)}</span>)}</span> }),
    column.accessor('teams', { header: 'Teams', cell: (info) => (info.getValue().length === 0 ? <span className="muted">—</span> : info.getValue().map(teamName).join(', ')) }),
    column.display({
      id: 'status',
      header: 'Status',
      cell: (info) => {
        const user = info.row.original;
        if (user.disabled) return <span className="badge bad">Disabled</span>;
        if (isLocked(user)) return <LockedBadge lockedUntil={user.locked_until} />;
        return user.has_password ? <span className="badge good">Active</span> : <span className="badge warn" title="Made by a Team document; cannot log in until a password is set">No password</span>;
      },
    }),
    column.accessor('created_at', { header: 'Created', cell: (info) => formatDateTime(info.getValue()) }),
    column.display({
      id: 'actions',
      header: 'Actions',
      cell: (info) => (
        <div className="row">
          <button type="button" className="button" aria-expanded={editing === info.row.original.id} onClick={() => setEditing(editing === info.row.original.id ? undefined : info.row.original.id)}>
            {editing === info.row.original.id ? 'Close' : 'Change'}
            <span className="visually-hidden"> {info.row.original.email}</span>
          </button>
          {isLocked(info.row.original) && <UnlockButton user={info.row.original} queryKey={usersQuery.queryKey} onUnlocked={setUnlocked} />}
        </div>
      ),
    }),
  ];
  const editedUser = users.data?.users.find((user) => user.id === editing);
  return (
    <div className="stack">
      <CreateUserForm />
      {editedUser !== undefined && <EditUser key={editedUser.id} user={editedUser} onClose={() => setEditing(undefined)} />}
      <section aria-labelledby="users-title" className="stack">
        <h2 id="users-title">Users</h2>
        {unlocked !== undefined && (
          <p className="muted" role="status">
            {unlocked} can log in again: their failed logins start over.
          </p>
        )}
        {users.isPending ? (
          <Loading />
        ) : users.isError ? (
          <ErrorState error={users.error} retry={() => void users.refetch()} />
        ) : (
          <DataTable caption="Users" columns={columns} rows={users.data.users} rowKey={(user) => user.id} empty={<Empty title="No users yet." />} rowClassName={(user) => (user.disabled ? 'disabled' : undefined)} />
        )}
      </section>
    </div>
  );
}

/** A first password people can type: 20 characters from an alphabet without look-alikes. */
function newPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = crypto.getRandomValues(new Uint8Array(20));
  return [...bytes].map((byte) => alphabet[byte % alphabet.length]).join('');
}

function CreateUserForm() {
  const queries = useQueryClient();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('requester');
  const [created, setCreated] = useState<{ email: string; password: string } | undefined>();
  const create = useMutation({
    mutationFn: (password: string) => api<{ user: User }>('POST', '/users', { body: { email, ...(name.trim() === '' ? {} : { name: name.trim() }), roles: [role], password } }),
    onSuccess: async (answer, password) => {
      setCreated({ email: answer.user.email, password });
      setEmail('');
      setName('');
      await queries.invalidateQueries({ queryKey: usersQuery.queryKey });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(newPassword());
  };
  const error = create.error === null ? undefined : asApiError(create.error);
  const emailError = error?.issueAt('body.email') ?? (error?.path === 'email' ? error.message : undefined);
  const roleError = error?.issueAt('body.roles') ?? (error?.path === 'roles' ? error.message : undefined);
  const otherError = error !== undefined && emailError === undefined && roleError === undefined ? error.message : undefined;
  return (
    <section className="card" aria-labelledby="create-user-title">
      <h2 id="create-user-title">Add a user</h2>
      {created !== undefined && (
        <OneTimeSecret label={`First password for ${created.email}`} value={created.password} onDone={() => setCreated(undefined)}>
          <p className="muted">Give it to them over a safe channel; they can change it under Settings → My account.</p>
        </OneTimeSecret>
      )}
      <form className="settings-form" onSubmit={submit}>
        <label className="field">
          <span>Email</span>
          <input type="email" required value={email} onChange={(event) => setEmail(event.target.value)} aria-invalid={emailError !== undefined} />
          {emailError !== undefined && <p className="field-error">{emailError}</p>}
        </label>
        <label className="field">
          <span>
            Name <span className="hint">(optional)</span>
          </span>
          <input value={name} onChange={(event) => setName(event.target.value)} />
        </label>
        <label className="field">
          <span>Role</span>
          <select value={role} onChange={(event) => setRole(event.target.value as Role)} aria-invalid={roleError !== undefined}>
            {ROLES.map((item) => (
              <option key={item.role} value={item.role}>
                {statusLabel(item.role)}
              </option>
            ))}
          </select>
          <span className="hint">{ROLES.find((item) => item.role === role)?.meaning}</span>
          {roleError !== undefined && <p className="field-error">{roleError}</p>}
        </label>
        <div className="settings-form-submit">
          <button type="submit" className="button primary" disabled={create.isPending}>
            {create.isPending ? 'Adding…' : 'Add user'}
          </button>
        </div>
      </form>
      {otherError !== undefined && <p className="form-error" role="alert">{otherError}</p>}
      <p className="muted">Tollgate makes a first password and shows it once. Team members named by Team definitions are users already, without a password.</p>
    </section>
  );
}

function EditUser({ user, onClose }: { user: User; onClose: () => void }) {
  const queries = useQueryClient();
  const [roles, setRoles] = useState<Role[]>(user.roles);
  const [password, setPassword] = useState<string | undefined>();
  const update = useMutation({
    mutationFn: (body: { roles?: Role[]; disabled?: boolean; password?: string }) => api<{ user: User }>('POST', `/users/${encodeURIComponent(user.id)}`, { body }),
    onSuccess: () => queries.invalidateQueries({ queryKey: usersQuery.queryKey }),
  });
  const toggle = (role: Role) => setRoles((current) => (current.includes(role) ? current.filter((item) => item !== role) : [...current, role]));
  const save = (event: FormEvent) => {
    event.preventDefault();
    update.mutate({ roles });
  };
  const resetPassword = () => {
    const fresh = newPassword();
    update.mutate({ password: fresh }, { onSuccess: () => setPassword(fresh) });
  };
  const error = update.error === null ? undefined : asApiError(update.error);
  // The panel opens above the list: bring it into view and move focus to it.
  const panel = useRef<HTMLElement>(null);
  useEffect(() => {
    panel.current?.scrollIntoView({ block: 'nearest' });
    panel.current?.focus();
  }, []);
  return (
    <section className="card" aria-labelledby="edit-user-title" ref={panel} tabIndex={-1}>
      <div className="row settings-card-head">
        <h2 id="edit-user-title">Change {user.name ?? user.email}</h2>
        <button type="button" className="button subtle" onClick={onClose}>
          Close
        </button>
      </div>
      <form onSubmit={save}>
        <fieldset className="roles-fieldset">
          <legend>Roles</legend>
          {ROLES.map((item) => (
            <label key={item.role} className="check">
              <input type="checkbox" checked={roles.includes(item.role)} onChange={() => toggle(item.role)} />
              <span>
                <strong>{statusLabel(item.role)}</strong> <span className="muted">— {item.meaning}</span>
              </span>
            </label>
          ))}
        </fieldset>
        {error !== undefined && <p className="form-error" role="alert">{error.message}</p>}
        {password !== undefined && <OneTimeSecret label={`New password for ${user.email}`} value={password} onDone={() => setPassword(undefined)} />}
        <div className="row">
          <button type="submit" className="button primary" disabled={update.isPending || roles.length === 0}>
            Save roles
          </button>
          <button type="button" className="button" disabled={update.isPending} onClick={resetPassword}>
            {user.has_password ? 'Reset password' : 'Set a first password'}
          </button>
          <button type="button" className={user.disabled ? 'button' : 'button danger'} disabled={update.isPending} onClick={() => update.mutate({ disabled: !user.disabled })}>
            {user.disabled ? 'Enable user' : 'Disable user'}
          </button>
        </div>
        {roles.length === 0 && <p className="field-error">Keep at least one role, or disable the user instead.</p>}
        {update.isSuccess && password === undefined && <p className="muted" role="status">Saved.</p>}
      </form>
    </section>
  );
}
