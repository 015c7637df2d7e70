import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { api } from '../api/api-client.ts';
import { asApiError } from '../api/api-error.ts';
import { meQuery } from './session.ts';

/** Email and password; on success back to where the person was sent from (`?redirect=`). */
export function LoginPage() {
  const search = useSearch({ from: '/login' });
  const navigate = useNavigate();
  const queries = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const login = useMutation({
    mutationFn: () => api('POST', '/auth/login', { body: { email, password } }),
    onSuccess: async () => {
      queries.clear();
      await queries.fetchQuery(meQuery);
      await navigate({ href: safeRedirect(search.redirect) });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate();
  };
  const error = login.error === null ? undefined : asApiError(login.error);
  return (
    <main className="login">
      <form className="card login-card" onSubmit={submit} aria-labelledby="login-title">
        <div className="brand brand-large" aria-hidden="true">
          <span className="brand-mark">T</span> Tollgate
        </div>
        <h1 id="login-title">Log in</h1>
        {search.expired === true && <p className="notice">Your session ended. Log in again to go on where you were.</p>}
        <label className="field">
          <span>Email</span>
          <input type="email" name="email" autoComplete="username" required autoFocus value={email} onChange={(event) => setEmail(event.target.value)} />
        </label>
        <label className="field">
          <span>Password</span>
          <input type="password" name="password" autoComplete="current-password" required value={password} onChange={(event) => setPassword(event.target.value)} />
        </label>
        {error !== undefined && (
          <p className="form-error" role="alert">
            {error.status === 401 ? 'That email and password do not match an active account.' : error.message}
          </p>
        )}
        <button type="submit" className="button primary" disabled={login.isPending}>
          {login.isPending ? 'Logging in…' : 'Log in'}
        </button>
      </form>
    </main>
  );
}

/** Only paths on this site: an open redirect would send people elsewhere after login. */
function safeRedirect(redirect: string | undefined): string {
  if (redirect === undefined || !redirect.startsWith('/') || redirect.startsWith('//') || redirect.startsWith('/login')) return '/';
  return redirect;
}
