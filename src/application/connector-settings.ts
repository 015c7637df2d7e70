/**
 * Connectors as Settings shows them: each config key, the variables it reads
 * (`{{ env.NAME }}`) and where each comes from now — the environment, a value
 * an admin stored (sealed), or nowhere — and setting a stored value. No value
 * of a variable ever leaves here: they are write-only.
 */
import { envReferences } from '../core/env-references.ts';
import { InvalidInputError, NotFoundError } from '../core/errors.ts';
import { auditActorOf } from '../identity/audit-actor.ts';
import type { Caller } from '../identity/caller.ts';
import type { AppContext } from './app-context.ts';
import type { ConnectorVariables } from './connector-variables.ts';
import { maskConnectorSecrets } from './secret-masking.ts';

export const VariableSource = { environment: 'environment', stored: 'stored', unset: 'unset' } as const;
export type VariableSource = (typeof VariableSource)[keyof typeof VariableSource];

export interface ConnectorVariableStatus {
  name: string;
  /** Where the value comes from now; the environment wins over a stored value. */
  source: VariableSource;
  /** A value is stored (it may be shadowed by the environment). */
  stored: boolean;
  storedAt: Date | null;
  storedBy: string | null;
}

export interface ConnectorSetting {
  key: string;
  /** The config value as written, secrets masked (`{{ env.X }}` references shown). */
  value: unknown;
  variables: ConnectorVariableStatus[];
}

export interface ConnectorSettings {
  id: string;
  type: string;
  title: string | null;
  settings: ConnectorSetting[];
  /** Every variable it reads is set. */
  ready: boolean;
}

/** Every applied connector with where its variables come from. */
export async function listConnectorSettings(app: AppContext): Promise<ConnectorSettings[]> {
  const vault = requireVault(app);
  const [connectors, stored] = await Promise.all([app.engine.store.listConnectors(), vault.stored()]);
  return connectors.map((connector) => {
    const masked = maskConnectorSecrets(connector.config);
    const settings = Object.entries(connector.config).map(([key, value]) => ({
      key,
      value: masked[key],
      variables: envReferences(value).map((name) => {
        const info = stored.find((item) => item.connectorId === connector.id && item.name === name);
        const source = vault.environmentHas(name) ? VariableSource.environment : info ? VariableSource.stored : VariableSource.unset;
        return { name, source, stored: info !== undefined, storedAt: info?.updatedAt ?? null, storedBy: info?.updatedBy ?? null };
      }),
    }));
    const ready = settings.every((setting) => setting.variables.every((variable) => variable.source !== VariableSource.unset));
    return { id: connector.id, type: connector.type, title: connector.title, settings, ready };
  });
}

/**
 * Stores the value of a variable a connector's config names, sealed; the
 * connector reads it from the next call on, unless the environment sets it.
 * @throws NotFoundError `connector_not_found`; InvalidInputError `connector_variable_unknown` for a name its config does not use.
 */
export async function setConnectorVariable(app: AppContext, input: { connector: string; name: string; value: string; caller?: Caller | undefined }): Promise<ConnectorSettings> {
  const vault = requireVault(app);
  const connectors = await app.engine.store.listConnectors();
  const connector = connectors.find((item) => item.id === input.connector);
  if (!connector) throw new NotFoundError('connector_not_found', `no connector "${input.connector}"; known connectors: ${connectors.map((item) => item.id).join(', ') || '(none)'}`, { path: 'id' });
  const names = envReferences(connector.config);
  if (!names.includes(input.name)) {
    const hint = names.length === 0 ? 'its config reads no variables ({{ env.NAME }})' : `its config reads ${names.join(', ')}`;
    throw new InvalidInputError('connector_variable_unknown', `connector "${connector.id}" does not read the variable ${input.name}: ${hint}`, [], { path: 'name' });
  }
  const audit = { actor: auditActorOf(input.caller), action: 'connector.secret_set', target: { type: 'connector', id: connector.id }, detail: { connector: connector.id, name: input.name }, at: app.engine.clock.now() } as const;
  await vault.set({ connectorId: connector.id, name: input.name, value: input.value, by: input.caller?.user.email ?? null, audit });
  app.identity.logger.info({ event: 'connector_variable.set', connector: connector.id, variable: input.name, by: input.caller?.user.email ?? null }, 'connector variable stored');
  const settings = (await listConnectorSettings(app)).find((item) => item.id === connector.id);
  if (!settings) throw new NotFoundError('connector_not_found', `the connector "${connector.id}" was removed meanwhile`, { path: 'id' });
  return settings;
}

function requireVault(app: AppContext): ConnectorVariables {
  if (app.connectorVariables === undefined) throw new Error('this Tollgate was built without a connector variable store (AppContext.connectorVariables)');
  return app.connectorVariables;
}
