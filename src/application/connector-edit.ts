/**
 * Making a connector and changing its settings from settings. Each is an apply
 * of the connector's `Connector` document (as `tollgate apply` would), so its
 * config is checked against its type, a change that would break an active
 * workflow is refused, a literal secret is sealed before anything is stored
 * (seal-literal-secrets.ts), and the audit trail and `export` see it.
 */
import { ConflictError, NotFoundError } from '../core/errors.ts';
import type { ConnectorDocument, ConnectorType } from '../definition/schema.ts';
import type { Caller } from '../identity/caller.ts';
import type { AppContext } from './app-context.ts';
import type { ApplyReport } from './apply-definitions.ts';
import { applyFromSettings } from './settings-apply.ts';

export interface NewConnector {
  id: string;
  type: ConnectorType;
  title?: string | undefined;
  /** Setting by key; a secret may be the value itself (sealed on apply) or `{{ env.NAME }}`. */
  config: Record<string, unknown>;
  caller?: Caller | undefined;
}

/**
 * Makes a connector.
 * @throws ConflictError `connector_exists` (path `body.id`); InvalidInputError `connector_invalid` with each issue at its body field.
 */
export async function createConnector(app: AppContext, input: NewConnector): Promise<ApplyReport> {
  const existing = (await app.engine.store.listConnectors()).find((connector) => connector.id === input.id);
  if (existing) {
    throw new ConflictError('connector_exists', `a connector "${input.id}" exists already (a ${existing.type} connector); change that connector, or pick another id`, { path: 'body.id' });
  }
  const document: ConnectorDocument = { kind: 'Connector', id: input.id, type: input.type, ...(input.title === undefined ? {} : { title: input.title }), config: input.config };
  const madeMeanwhile = () => new ConflictError('connector_exists', `a connector "${input.id}" was made meanwhile; change that connector, or pick another id`, { path: 'body.id' });
  return applyFromSettings(app, document, { caller: input.caller, annotation: 'connector created in settings', code: 'connector_invalid', mustBeNew: madeMeanwhile });
}

export interface ConnectorChange {
  id: string;
  /** Null removes it. */
  title?: string | null | undefined;
  /** The settings to change, by key: a value sets it, null removes it; a setting left out stays as it is (a secret too, unseen). */
  config?: Record<string, unknown> | undefined;
  caller?: Caller | undefined;
}

/**
 * Changes a connector's title or settings; its type stays (a connector of
 * another type is another connector).
 * @throws NotFoundError `connector_not_found`; InvalidInputError `connector_invalid`.
 */
export async function updateConnector(app: AppContext, input: ConnectorChange): Promise<ApplyReport> {
  const connectors = await app.engine.store.listConnectors();
  const existing = connectors.find((connector) => connector.id === input.id);
  if (!existing) throw new NotFoundError('connector_not_found', `no connector "${input.id}"; known connectors: ${connectors.map((item) => item.id).join(', ') || '(none)'}`, { path: 'id' });
  const config = { ...existing.config };
  for (const [key, value] of Object.entries(input.config ?? {})) {
    if (value === null) delete config[key];
    else config[key] = value;
  }
  const title = input.title === undefined ? existing.title : input.title;
  const document: ConnectorDocument = { kind: 'Connector', id: existing.id, type: existing.type as ConnectorType, ...(title === null ? {} : { title }), config };
  return applyFromSettings(app, document, { caller: input.caller, annotation: 'connector changed in settings', code: 'connector_invalid' });
}
