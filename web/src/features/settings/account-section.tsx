import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { api } from '../../api/api-client.ts';
import { asApiError } from '../../api/api-error.ts';
import { useTeamName } from '../../api/team-names.ts';
import { useMe } from '../../auth/session.ts';
import { formatDateTime } from '../../ui/time.ts';
import { statusLabel } from '../../ui/status-label.ts';

/** Everyone's own account: email, roles, teams, and changing one's password. */
export function AccountSection() {
  const me = useMe();
  const { user } = me;
  const teamName = useTeamName();
  return (
    <div className="grid grid-2 settings-grid">
      <section className="card" aria-labelledby="account-title">
        <h2 id="account-title">My account</h2>
        <dl className="kv">
          <dt>Email</dt>
          <dd>{user.email}</dd>
          <dt>Name</dt>
          <dd>{user.name ?? '—'}</dd>
          <dt>Roles</dt>
          <dd className="row">{user.roles.map((role) => <span key={role} className="badge info">{statusLabel(role)}</span>)}</dd>
          <dt>Teams</dt>
          <dd className="row">{user.teams.length === 0 ? <span className="muted">None</span> : user.teams.map((team) => <span key={team} className="badge muted" title={`Team ${team}`}>{teamName(team)}</span>)}</dd>
          <dt>Signed in with</dt>
          <dd>{me.via === 'session' ? 'Password (browser session)' : 'API key'}</dd>
          <dt>Member since</dt>
          <dd>{formatDateTime(user.created_at)}</dd>
        </dl>
      </section>
      <PasswordForm />
    </div>
  );
}

function PasswordForm() {
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const queries = useQueryClient();
  const navigate = useNavigate();
  const change = useMutation({
    mutationFn: () => api('POST', '/auth/password', { body: { current, password } }),
    // Every session ends with a password change: log in again with the new one.
    onSuccess: async () => {
      queries.clear();
      await navigate({ to: '/login', search: { redirect: '/settings' } });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMismatch(password !== repeat);
    if (password === repeat) change.mutate();
  };
  const error = change.error === null ? undefined : asApiError(change.error);
  const currentError = error?.code === 'login_failed' ? 'This is not your current password.' : error?.issueAt('body.current');
  const newError = error?.issueAt('body.password') ?? (error?.path === 'password' ? error.message : undefined);
  const otherError = error !== undefined && currentError === undefined && newError === undefined ? error.message : undefined;
  return (
    <form className="card" onSubmit={submit} aria-labelledby="password-title">
      <h2 id="password-title">Change my password</h2>
      <p className="muted">At least 12 characters. Every session of yours ends: you log in again with the new password.</p>
      <label className="field">
        <span>Current password</span>
        <input type="password" autoComplete="current-password" required value={current} onChange={(event) => setCurrent(event.target.value)} aria-invalid={currentError !== undefined} />
        {currentError !== undefined && <p className="field-error">{currentError}</p>}
      </label>
      <label className="field">
        <span>New password</span>
        <input type="password" autoComplete="new-password" required minLength={12} value={password} onChange={(event) => setPassword(event.target.value)} aria-invalid={newError !== undefined} />
        {newError !== undefined && <p className="field-error">{newError}</p>}
      </label>
      <label className="field">
        <span>New password, again</span>
        <input type="password" autoComplete="new-password" required value={repeat} onChange={(event) => setRepeat(event.target.value)} aria-invalid={mismatch} />
        {mismatch && <p className="field-error">The two new passwords differ.</p>}
      </label>
      {otherError !== undefined && <p className="form-error" role="alert">{otherError}</p>}
      <button type="submit" className="button primary" disabled={change.isPending}>
        {change.isPending ? 'Changing…' : 'Change password'}
      </button>
    </form>
  );
}
