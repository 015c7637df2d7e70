import type { ConnectorType } from './schema.ts';

/** One parameter an operation takes in its `with` block. */
export interface ParamSpec {
  required?: boolean;
  description?: string;
  /** True when the parameter names people: addresses, `{team: id}`, `{users: [...]}` or a list of these; validation checks the teams. */
  recipients?: boolean;
}

/**
 * What an action step may call: `stripe.refunds.create`, `http.request`, ...
 * Validation checks steps against these specs before anything is published;
 * the engine runs the matching Operation.
 */
export interface OperationSpec {
  name: string;
  description: string;
  /** The kind of connector the operation needs, or null when it needs none. */
  connectorType: ConnectorType | null;
  /** True when the connector is optional (e.g. http.request with a full URL). */
  connectorOptional?: boolean;
  /**
   * Top-level keys of the connector's config that may name environment
   * variables that are unset: the operation gets the connector without them
   * (and their variables in `unsetEnv`) instead of failing with
   * `connector_secret_missing`. `webhook.post` lists `url` and `secret`: with
   * no URL it keeps its message in the local inbox.
   */
  connectorEnvOptional?: readonly string[];
  params: Record<string, ParamSpec>;
  /** True when parameters beyond `params` are allowed (e.g. `stripe.request`). */
  additionalParams?: boolean;
  /** True when the call moves money; such calls are audited. */
  movesMoney?: boolean;
}

export type OperationCatalog = ReadonlyMap<string, OperationSpec>;

export function catalogOf(specs: readonly OperationSpec[]): OperationCatalog {
  return new Map(specs.map((spec) => [spec.name, spec]));
}
