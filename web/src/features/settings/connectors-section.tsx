import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { api } from '../../api/api-client.ts';
import { asApiError } from '../../api/api-error.ts';
import type { Connector, ConnectorList } from '../../api/types.ts';
import { can, useMe } from '../../auth/session.ts';
import { Empty, ErrorState, Loading } from '../../ui/states.tsx';
import { formatDateTime } from '../../ui/time.ts';
import { EditConnectorForm, NewConnectorForm } from './connector-forms.tsx';
import { ConnectorTypeBadge } from './connector-type-badge.tsx';
import { BuiltInStripeCard, StripeWebhookEndpointRow } from './stripe-webhooks.tsx';

type Variable = Connector['settings'][number]['variables'][number];

const connectorsQuery = { queryKey: ['settings', 'connectors'], queryFn: () => api<ConnectorList>('GET', '/connectors') };

const SOURCE_TEXT = { environment: 'Set in the environment', stored: 'Set', unset: 'Not set' } as const;
const SOURCE_BADGE = { environment: 'good', stored: 'good', unset: 'warn' } as const;

/**
 * Connectors and the variables their config reads: set or not, and where from. Admins set a value write-only.
 * Editors and admins make connectors and change their settings (each applies the connector's definition).
 * Each stripe connector, the built-in one too, shows where Stripe delivers its events.
 */
export function ConnectorsSection() {
  const me = useMe();
  const connectors = useQuery(connectorsQuery);
  const [creating, setCreating] = useState(false);
  if (connectors.isPending) return <Loading />;
  if (connectors.isError) return <ErrorState error={connectors.error} retry={() => void connectors.refetch()} />;
  const { stripe_webhooks: stripeWebhooks } = connectors.data;
  const admin = can(me, 'identity.admin');
  const editable = can(me, 'definitions.apply');
  return (
    <div className="stack">
      <div className="row settings-intro">
        <p className="muted">
          Secrets are write-only: Tollgate shows whether each is set, never what it is. A value set here is stored encrypted; a variable set in the server’s environment wins over it.
        </p>
        {editable && !creating && (
          <button type="button" className="button primary" onClick={() => setCreating(true)}>
            New connector
          </button>
        )}
      </div>
      {creating && <NewConnectorForm onClose={() => setCreating(false)} />}
      {connectors.data.connectors.length === 0 && stripeWebhooks.length === 0 && !creating && (
        <Empty title="No connectors yet.">Connectors come from Connector definitions{editable ? ' or New connector' : ''}. Stripe and email work without one (the sandbox and the local outbox).</Empty>
      )}
      {stripeWebhooks
        .filter((endpoint) => endpoint.built_in)
        .map((endpoint) => (
          <BuiltInStripeCard key={endpoint.connector} endpoint={endpoint} />
        ))}
      {connectors.data.connectors.map((connector) => (
        <ConnectorCard key={connector.id} connector={connector} editable={editable}>
          <div className="connector-settings">
            {connector.settings.map((setting) => (
              <div key={setting.key} className="connector-setting">
                <div className="connector-key">
                  <strong>{setting.key}</strong>
                  {setting.variables.length === 0 && <code className="connector-value">{typeof setting.value === 'string' ? setting.value : JSON.stringify(setting.value)}</code>}
                </div>
                {setting.variables.map((variable) => (
                  <VariableRow key={variable.name} connector={connector.id} variable={variable} admin={admin} />
                ))}
              </div>
            ))}
            {stripeWebhooks
              .filter((endpoint) => endpoint.connector === connector.id && !endpoint.built_in)
              .map((endpoint) => (
                <StripeWebhookEndpointRow key={endpoint.path} endpoint={endpoint} />
              ))}
          </div>
        </ConnectorCard>
      ))}
    </div>
  );
}

/** One connector: its name, type and readiness, its settings (`children`), or the form that changes them. */
function ConnectorCard({ connector, editable, children }: { connector: Connector; editable: boolean; children: ReactNode }) {
  const [editing, setEditing] = useState(false);
  const name = connector.title ?? connector.id;
  return (
    <section className="card" aria-labelledby={`connector-${connector.id}`} data-connector={connector.id}>
      <div className="row settings-card-head">
        <h2 id={`connector-${connector.id}`}>
          {name} {connector.title !== null && <span className="muted team-id">{connector.id}</span>}
        </h2>
        <ConnectorTypeBadge type={connector.type} />
        {connector.ready ? <span className="badge good">Ready</span> : <span className="badge warn">Needs settings</span>}
        {editable && !editing && (
          <button type="button" className="button subtle" onClick={() => setEditing(true)}>
            Edit settings<span className="visually-hidden"> of {name}</span>
          </button>
        )}
      </div>
      {editing ? <EditConnectorForm connector={connector} onClose={() => setEditing(false)} /> : children}
    </section>
  );
}

function VariableRow({ connector, variable, admin }: { connector: string; variable: Variable; admin: boolean }) {
  const queries = useQueryClient();
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState('');
  const save = useMutation({
    mutationFn: () => api<{ connector: Connector }>('POST', `/connectors/${encodeURIComponent(connector)}/variables`, { body: { name: variable.name, value } }),
    onSuccess: async () => {
      setValue('');
      setOpen(false);
      await queries.invalidateQueries({ queryKey: connectorsQuery.queryKey });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  const error = save.error === null ? undefined : asApiError(save.error);
  const inputId = `variable-${connector}-${variable.name}`;
  return (
    <div className="connector-variable" data-variable={variable.name}>
      <div className="row">
        <code>{variable.name}</code>
        <span className={`badge ${SOURCE_BADGE[variable.source]}`} data-testid="variable-status">
          {SOURCE_TEXT[variable.source]}
        </span>
        {variable.stored && variable.stored_at !== null && (
          <span className="muted">
            {variable.source === 'environment' ? 'A stored value is shadowed by the environment; ' : ''}stored {formatDateTime(variable.stored_at)}
            {variable.stored_by !== null ? ` by ${variable.stored_by}` : ''}
          </span>
        )}
        {admin && !open && (
          <button type="button" className="button" onClick={() => setOpen(true)}>
            {variable.stored ? 'Replace' : 'Set'}
            <span className="visually-hidden"> {variable.name}</span>
          </button>
        )}
      </div>
      {open && (
        <form className="variable-form" onSubmit={submit}>
          <label className="field" htmlFor={inputId}>
            <span>New value for {variable.name}</span>
          </label>
          <div className="row">
            <input id={inputId} type="password" autoComplete="off" required value={value} onChange={(event) => setValue(event.target.value)} aria-invalid={error !== undefined} />
            <button type="submit" className="button primary" disabled={save.isPending}>
              Save
            </button>
            <button type="button" className="button" onClick={() => setOpen(false)}>
              Cancel
            </button>
          </div>
          {error !== undefined && <p className="field-error">{error.message}</p>}
        </form>
      )}
    </div>
  );
}
