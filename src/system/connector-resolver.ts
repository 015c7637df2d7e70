import { PermanentError } from '../core/errors.ts';
import type { ConnectorResolver, ResolvedConnector } from '../engine/operation.ts';
import type { Store } from '../store/store.ts';

const ENV_REFERENCE = /\{\{\s*env\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/**
 * Finds connectors in the store and fills `{{ env.NAME }}` in their config
 * from the environment at call time, so secrets are never stored nor written
 * into a run. Built-in connectors (the sandbox Stripe, the outbox mailer)
 * stand in when none of a type is configured.
 */
export function storeConnectorResolver(options: { store: Store; env: NodeJS.ProcessEnv; builtIn?: ResolvedConnector[] }): ConnectorResolver {
  return {
    async resolve({ type, name, optional }) {
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
      return { id: found.id, type: found.type, config: resolveEnv(found.config, options.env, found.id) as Record<string, unknown> };
    },
  };
}

function resolveEnv(value: unknown, env: NodeJS.ProcessEnv, connectorId: string): unknown {
  if (typeof value === 'string') {
    return value.replace(ENV_REFERENCE, (_, name: string) => {
      const resolved = env[name];
      if (resolved === undefined || resolved === '') {
        throw new PermanentError('connector_secret_missing', `connector "${connectorId}" needs the environment variable ${name}; set it where the worker runs`);
      }
      return resolved;
    });
  }
  if (Array.isArray(value)) return value.map((item) => resolveEnv(item, env, connectorId));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolveEnv(item, env, connectorId)]));
  }
  return value;
}
