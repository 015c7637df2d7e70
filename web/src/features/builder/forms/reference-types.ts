/**
 * The reference API's answers (contract section 1): the operation catalog and the Stripe event types
 * with their object's fields. The builder forms offer pickers from these.
 */

export type ParamType = 'string' | 'integer' | 'boolean' | 'object' | 'array' | 'timestamp' | 'recipients' | 'any';
export type FieldType = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array' | 'timestamp' | 'null';

/** One field of an object; `path` is relative to the object (`amount`, `billing_details.email`). */
export interface ReferenceField {
  path: string;
  type: FieldType;
  description: string | null;
  /** An amount in minor units whose currency is the sibling `currency` field. */
  money: boolean;
  example: unknown;
}

export interface OperationParam {
  name: string;
  type: ParamType;
  required: boolean;
  description: string | null;
  recipients: boolean;
}

export interface OperationReference {
  name: string;
  description: string;
  connector_type: string | null;
  moves_money: boolean;
  docs_url: string | null;
  additional_params: boolean;
  example: Record<string, unknown> | null;
  params: OperationParam[];
  /** What the step's output variable holds. */
  output: { object: string | null; fields: ReferenceField[] };
}

export interface EventTypeSummary {
  type: string;
  /** The data.object kind, e.g. `charge`, `radar.early_fraud_warning`. */
  object: string;
}

export interface EventTypeDetail extends EventTypeSummary {
  fields: ReferenceField[];
  sample: unknown;
}
