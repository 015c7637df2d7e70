/**
 * Connector variables stored through the API: sealed with the SecretBox into
 * the connector_secrets table, opened only for the connector resolver.
 */
import type { ConnectorVariables } from '../application/connector-variables.ts';
import type { Clock } from '../core/clock.ts';
import type { AuditInput } from '../store/audit-input.ts';
import type { ConnectorSecretInfo, ConnectorSecretStore } from '../store/connector-secret-store.ts';
import type { StoredConnectorVariables } from './connector-resolver.ts';
import type { SecretBox } from './secret-box.ts';

export class ConnectorSecretVault implements ConnectorVariables, StoredConnectorVariables {
  readonly #store: ConnectorSecretStore;
  readonly #box: SecretBox;
  readonly #env: NodeJS.ProcessEnv;
  readonly #clock: Clock;

  constructor(options: { store: ConnectorSecretStore; box: SecretBox; env: NodeJS.ProcessEnv; clock: Clock }) {
    this.#store = options.store;
    this.#box = options.box;
    this.#env = options.env;
    this.#clock = options.clock;
  }

  environmentHas(name: string): boolean {
    return Boolean(this.#env[name]);
  }

  stored(): Promise<ConnectorSecretInfo[]> {
    return this.#store.list();
  }

  async set(input: { connectorId: string; name: string; value: string; by: string | null; audit?: AuditInput }): Promise<void> {
    const sealed = await this.#box.seal(input.value, secretBinding(input.connectorId, input.name));
    await this.#store.put({ connectorId: input.connectorId, name: input.name, sealed, updatedBy: input.by, now: this.#clock.now(), ...(input.audit === undefined ? {} : { audit: input.audit }) });
  }

  async valuesOf(connectorId: string): Promise<ReadonlyMap<string, string>> {
    const values = new Map<string, string>();
    for (const [name, sealed] of await this.#store.sealedOf(connectorId)) values.set(name, await this.#box.open(sealed, secretBinding(connectorId, name)));
    return values;
  }
}

/** What a stored variable's sealed value is bound to (GCM additional data): its connector and name. */
export function secretBinding(connectorId: string, name: string): string {
  return `connector ${connectorId} ${name}`;
}
