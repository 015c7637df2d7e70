import type { AuditInput } from '../store/audit-input.ts';
import type { ConnectorSecretInfo } from '../store/connector-secret-store.ts';

/** Where connector variables are stored when the environment does not set them (system/connector-secret-vault.ts). */
export interface ConnectorVariables {
  /** True when the environment the connectors read sets `name` (not empty). */
  environmentHas(name: string): boolean;
  /** Which variables are stored: names and times, never values. */
  stored(): Promise<ConnectorSecretInfo[]>;
  /** Seals and stores a value; `audit` is appended in the same transaction (it names the variable, never its value). */
  set(input: { connectorId: string; name: string; value: string; by: string | null; audit?: AuditInput }): Promise<void>;
  /** A connector's stored values, opened, by name (to tell whether a re-applied literal changed). */
  valuesOf(connectorId: string): Promise<ReadonlyMap<string, string>>;
}
