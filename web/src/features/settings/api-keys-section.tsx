import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import { useState, type FormEvent } from 'react';
import { api } from '../../api/api-client.ts';
import { asApiError } from '../../api/api-error.ts';
import type { ApiKey, ApiKeyCreated } from '../../api/types.ts';
import { can, useMe } from '../../auth/session.ts';
import { DataTable } from '../../ui/data-table.tsx';
import { Empty, ErrorState, Loading } from '../../ui/states.tsx';
import { statusLabel } from '../../ui/status-label.ts';
import { formatDateTime, formatRelative } from '../../ui/time.ts';
import { OneTimeSecret } from './one-time-secret.tsx';

const keysQuery = { queryKey: ['settings', 'api-keys'], queryFn: () => api<{ api_keys: ApiKey[] }>('GET', '/api-keys') };
const STATUS_BADGE = { active: 'good', expired: 'warn', revoked: 'bad' } as const;

/** API keys: mine (an admin's list holds everyone's); create one (its secret shown once); revoke with a confirmation. */
export function ApiKeysSection() {
  const me = useMe();
  const keys = useQuery(keysQuery);
  const [confirming, setConfirming] = useState<string | undefined>();
  const queries = useQueryClient();
  const revoke = useMutation({
    mutationFn: (id: string) => api<{ api_key: ApiKey }>('POST', `/api-keys/${encodeURIComponent(id)}/revoke`),
    onSuccess: async () => {
      setConfirming(undefined);
      await queries.invalidateQueries({ queryKey: keysQuery.queryKey });
    },
  });
  const everyone = can(me, 'identity.admin');
  const column = createColumnHelper<ApiKey>();
  const columns = [
    column.accessor('name', { header: 'Name', cell: (info) => <strong>{info.getValue()}</strong> }),
    column.accessor('key', { header: 'Key', cell: (info) => <code>{info.getValue()}</code> }),
    ...(everyone ? [column.accessor('user', { header: 'Owner' })] : []),
    column.accessor('scopes', { header: 'Scopes', cell: (info) => info.getValue()?.join(', ') ?? <span className="muted">All of the owner’s</span> }),
    column.accessor('status', { header: 'Status', cell: (info) => <span className={`badge ${STATUS_BADGE[info.getValue()]}`}>{statusLabel(info.getValue())}</span> }),
    column.accessor('expires_at', { header: 'Expires', cell: (info) => (info.getValue() === null ? <span className="muted">Never</span> : <span title={formatDateTime(info.getValue())}>{formatRelative(info.getValue())}</span>) }),
    column.accessor('last_used_at', { header: 'Last used', cell: (info) => (info.getValue() === null ? <span className="muted">Never</span> : formatRelative(info.getValue())) }),
    column.display({
      id: 'actions',
      header: 'Actions',
      cell: (info) => {
        const key = info.row.original;
        if (key.status === 'revoked') return <span className="muted">Revoked {formatRelative(key.revoked_at)}</span>;
        if (confirming !== key.id) {
          return (
            <button type="button" className="button" onClick={() => setConfirming(key.id)}>
              Revoke<span className="visually-hidden"> {key.name}</span>
            </button>
          );
        }
        return (
          <span className="row" role="group" aria-label={`Confirm revoking ${key.name}`}>
            <button type="button" className="button danger" disabled={revoke.isPending} onClick={() => revoke.mutate(key.id)}>
              Yes, revoke
            </button>
            <button type="button" className="button" onClick={() => setConfirming(undefined)}>
              Keep it
            </button>
          </span>
        );
      },
    }),
  ];
  return (
    <div className="stack">
      <CreateKeyForm />
      <section aria-labelledby="keys-title" className="stack">
        <h2 id="keys-title">{everyone ? 'Everyone’s API keys' : 'My API keys'}</h2>
        {revoke.error !== null && <p className="form-error" role="alert">{asApiError(revoke.error).message}</p>}
        {keys.isPending ? (
          <Loading />
        ) : keys.isError ? (
          <ErrorState error={keys.error} retry={() => void keys.refetch()} />
        ) : (
          <DataTable caption="API keys" columns={columns} rows={keys.data.api_keys} rowKey={(key) => key.id} empty={<Empty title="No API keys yet.">Create one above for a script or the CLI.</Empty>} />
        )}
      </section>
    </div>
  );
}

const EXPIRIES = [
  { value: '', label: 'Never' },
  { value: '1d', label: 'In 1 day' },
  { value: '30d', label: 'In 30 days' },
  { value: '90d', label: 'In 90 days' },
  { value: '365d', label: 'In 1 year' },
];

function CreateKeyForm() {
  const queries = useQueryClient();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState('');
  const [expiresIn, setExpiresIn] = useState('');
  const [created, setCreated] = useState<ApiKeyCreated | undefined>();
  const scopeList = scopes.split(/[\s,]+/).filter(Boolean);
  const create = useMutation({
    mutationFn: () => api<ApiKeyCreated>('POST', '/api-keys', { body: { name, ...(scopeList.length === 0 ? {} : { scopes: scopeList }), ...(expiresIn === '' ? {} : { expires_in: expiresIn }) } }),
    onSuccess: async (answer) => {
      setCreated(answer);
      setName('');
      setScopes('');
      await queries.invalidateQueries({ queryKey: keysQuery.queryKey });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  const error = create.error === null ? undefined : asApiError(create.error);
  const scopeError = error?.issueAt('body.scopes') ?? (error?.path === 'scopes' ? error.message : undefined);
  const nameError = error?.issueAt('body.name');
  const otherError = error !== undefined && scopeError === undefined && nameError === undefined ? error.message : undefined;
  return (
    <section className="card" aria-labelledby="create-key-title">
      <h2 id="create-key-title">Create an API key</h2>
      {created !== undefined && (
        <OneTimeSecret label={`API key “${created.api_key.name}”`} value={created.secret} onDone={() => setCreated(undefined)}>
          <p className="muted">
            Send it as <code>Authorization: Bearer …</code>, or set <code>TOLLGATE_API_KEY</code> for the CLI.
          </p>
        </OneTimeSecret>
      )}
      <form className="settings-form" onSubmit={submit}>
        <label className="field">
          <span>Name</span>
          <input required maxLength={200} value={name} onChange={(event) => setName(event.target.value)} placeholder="e.g. CI deploys" aria-invalid={nameError !== undefined} />
          {nameError !== undefined && <p className="field-error">{nameError}</p>}
        </label>
        <label className="field">
          <span>
            Scopes <span className="hint">(optional)</span>
          </span>
          <input value={scopes} onChange={(event) => setScopes(event.target.value)} placeholder="e.g. runs.read viewer" aria-invalid={scopeError !== undefined} aria-describedby="scopes-hint" />
          <span id="scopes-hint" className="hint">
            Roles or permissions, separated by spaces. Empty: all you may do.
          </span>
          {scopeError !== undefined && <p className="field-error">{scopeError}</p>}
        </label>
        <label className="field">
          <span>Expires</span>
          <select value={expiresIn} onChange={(event) => setExpiresIn(event.target.value)}>
            {EXPIRIES.map((item) => (
              <option key={item.value} value={item.value}>
                {item.label}
              </option>
            ))}
          </select>
        </label>
        <div className="settings-form-submit">
          <button type="submit" className="button primary" disabled={create.isPending}>
            {create.isPending ? 'Creating…' : 'Create key'}
          </button>
        </div>
      </form>
      {otherError !== undefined && <p className="form-error" role="alert">{otherError}</p>}
    </section>
  );
}
