import { ENV_REFERENCE, envReferences } from '../core/env-references.ts';
import { PermanentError } from '../core/errors.ts';
import { SECRET_REFERENCE, sealedNameOf, secretReferences } from '../core/secret-references.ts';
import type { ConnectorResolver, ResolvedConnector } from '../engine/operation.ts';
import type { ConnectorRecord } from '../store/records.ts';
import type { Store } from '../store/store.ts';

/** Connector variables set through the API (connector_secrets), opened. */
export interface StoredConnectorVariables {
  valuesOf(connectorId: string): Promise<ReadonlyMap<string, string>>;
}

/**
 * Finds connectors in the store and fills `{{ env.NAME }}` in their config
 * at call time from the environment, else from the variables an admin stored
 * for that connector (sealed), and `{{ secret.NAME }}` from the literals
 * sealed when the Connector was applied, so no secret is written into a run. Built-in
 * connectors (the sandbox Stripe, the outbox mailer) stand in when none of a
 * type is configured.
 */
export function storeConnectorResolver(options: { store: Store; env: NodeJS.ProcessEnv; builtIn?: ResolvedConnector[]; stored?: StoredConnectorVariables }): ConnectorResolver {
  return {
    async resolve({ type, name, optional, envOptional = [] }) {
      const all = await options.store.listConnectors();
      const ofType = all.filter((connector) => connector.type === type);
      let found;
      if (name !== undefined) {
        found = all.find((connector) => connector.id === name);
        const builtIn = options.builtIn?.find((connector) => connector.id === name && connector.type === type);
        if (!found && builtIn) return builtIn;
        if (!found) throw new PermanentError('connector_not_found', `no connector "${name}"; known connectors: ${all.map((c) => c.id).join(', ') || '(none)'}`);
        if (found.type !== type) throw new PermanentError('connector_type_mismatch', `connector "${name}" is of type ${found.type}, this operation needs a ${type} connector`);
      } else if (ofType.length === 1) {
        found = ofType[0];
      } else if (ofType.length > 1) {
        throw new PermanentError('connector_ambiguous', `several ${type} connectors (${ofType.map((c) => c.id).join(', ')}); name one with \`connector:\``);
      }
      if (!found) {
        const builtIn = options.builtIn?.find((connector) => connector.type === type);
        if (builtIn) return builtIn;
        if (optional) return undefined;
        throw new PermanentError('connector_missing', `no ${type} connector is configured; add a Connector document of type ${type}`);
      }
      const needsStored = secretReferences(found.config).length > 0 || !envReferences(found.config).every((name) => options.env[name]);
      const stored = options.stored === undefined || !needsStored ? undefined : await options.stored.valuesOf(found.id);
      return resolveConfig(found, { env: (name) => options.env[name] || stored?.get(name) || undefined, sealed: (name) => stored?.get(sealedNameOf(name)) }, envOptional);
    },
  };
}

/** Fills the config's env and secret references; a key in `envOptional` whose variable is unset is left out and named in `unsetEnv`. */
function resolveConfig(connector: ConnectorRecord, lookup: { env: VariableLookup; sealed: VariableLookup }, envOptional: readonly string[]): ResolvedConnector {
  const { env } = lookup;
  const config: Record<string, unknown> = {};
  const unsetEnv: Record<string, string> = {};
  for (const [key, value] of Object.entries(connector.config)) {
    const unset = envOptional.includes(key) ? unsetVariables(value, env)[0] : undefined;
    if (unset === undefined) config[key] = resolveEnv(value, lookup, connector.id);
    else unsetEnv[key] = unset;
  }
  return { id: connector.id, type: connector.type, config, ...(Object.keys(unsetEnv).length === 0 ? {} : { unsetEnv }) };
}

/** A variable's value, or undefined when it is unset or empty. */
type VariableLookup = (name: string) => string | undefined;

/** A connector whose config names environment variables that are unset. */
export interface ConnectorLackingEnv {
  id: string;
  type: string;
  /** The unset variables, in order. */
  variables: string[];
  /** The top-level config keys that name them (`url`, `secret`). */
  keys: string[];
}

/**
 * The connectors whose config names variables that are unset (for `tollgate start`):
 * neither in `env` nor among `stored` (connector id -> names stored through the API).
 */
export function connectorsLackingEnv(connectors: readonly ConnectorRecord[], processEnv: NodeJS.ProcessEnv, stored: ReadonlyMap<string, ReadonlySet<string>> = new Map()): ConnectorLackingEnv[] {
  return connectors
    .map((connector) => {
      const env: VariableLookup = (name) => processEnv[name] || (stored.get(connector.id)?.has(name) ? 'stored' : undefined);
      return {
        id: connector.id,
        type: connector.type,
        variables: unsetVariables(connector.config, env),
        keys: Object.entries(connector.config).filter(([, value]) => unsetVariables(value, env).length > 0).map(([key]) => key),
      };
    })
    .filter((connector) => connector.variables.length > 0);
}

/** The distinct variables `value` refers to that are unset or empty, in order. */
function unsetVariables(value: unknown, env: VariableLookup): string[] {
  return envReferences(value).filter((name) => !env(name));
}

function resolveEnv(value: unknown, lookup: { env: VariableLookup; sealed: VariableLookup }, connectorId: string): unknown {
  if (typeof value === 'string') {
    const withEnv = value.replace(ENV_REFERENCE, (_, name: string) => {
      const resolved = lookup.env(name);
      if (resolved === undefined || resolved === '') {
        throw new PermanentError('connector_secret_missing', `connector "${connectorId}" needs the variable ${name}; set it where the worker runs, or in Settings → Connectors`);
      }
      return resolved;
    });
    return withEnv.replace(SECRET_REFERENCE, (_, name: string) => {
      const resolved = lookup.sealed(name);
      if (resolved === undefined) {
        throw new PermanentError('connector_secret_missing', `connector "${connectorId}" has no sealed value for {{ secret.${name} }}; apply its Connector document again with the value (it is sealed on apply)`);
      }
      return resolved;
    });
  }
  if (Array.isArray(value)) return value.map((item) => resolveEnv(item, lookup, connectorId));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolveEnv(item, lookup, connectorId)]));
  }
  return value;
}
