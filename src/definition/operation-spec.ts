import type { ConnectorType } from './schema.ts';

/**
 * The JSON type a parameter takes, for people and the reference (not checked:
 * templates give their type only when the run renders them). `timestamp` is a
 * Unix time in seconds; `recipients` an address, `{team}`, `{users}` or a list.
 */
export const PARAM_TYPES = ['string', 'integer', 'boolean', 'object', 'array', 'timestamp', 'recipients', 'any'] as const;
export type ParamType = (typeof PARAM_TYPES)[number];

/** One parameter an operation takes in its `with` block. */
export interface ParamSpec {
  required?: boolean;
  description?: string;
  /** Its JSON type, shown in the reference. */
  type?: ParamType;
  /** True when the parameter names people: addresses, `{team: id}`, `{users: [...]}` or a list of these; validation checks the teams. */
  recipients?: boolean;
  /** For an `object` parameter: the keys it takes. Validation rejects others in a literal object. */
  fields?: Readonly<Record<string, ParamSpec>>;
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
  /** True when the call only reads (retrieve, list): a preview may make it for real when asked for live reads. */
  reads?: boolean;
  /** True when the call moves money: approval reviews say so, and validation warns when two active workflows do it on one event. */
  movesMoney?: boolean;
  /** The page of the API reference the operation wraps, e.g. https://docs.stripe.com/api/refunds/create. */
  docsUrl?: string;
  /**
   * The `with` block of a typical step, shown in the reference and validated by
   * the test suite in a workflow started by `charge.dispute.created` (so it may
   * read `event` and `object`).
   */
  example?: Record<string, unknown>;
}

export type OperationCatalog = ReadonlyMap<string, OperationSpec>;

export function catalogOf(specs: readonly OperationSpec[]): OperationCatalog {
  return new Map(specs.map((spec) => [spec.name, spec]));
}
