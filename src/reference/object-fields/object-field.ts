/**
 * The fields of a Stripe object (or of an operation's output) as the builder's
 * pickers offer them: a path relative to the object, a JSON type, what it
 * means, whether it is an amount in minor units, and an example value.
 */

/** A field's JSON type; `timestamp` is an integer of Unix seconds. */
export const FIELD_TYPES = ['string', 'integer', 'number', 'boolean', 'object', 'array', 'timestamp', 'null'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export interface ObjectField {
  /** Relative to the object: `amount`, `billing_details.email`, `metadata`. */
  path: string;
  type: FieldType;
  description: string | null;
  /** True for an amount in minor units whose currency is the sibling `currency` field. */
  money: boolean;
  example: unknown;
}

/** A field of a curated list. */
export function field(path: string, type: FieldType, description: string, example: unknown): ObjectField {
  return { path, type, description, money: false, example };
}

/** An amount in minor units, in the currency of the sibling `currency` field. */
export function money(path: string, description: string, example: number | null): ObjectField {
  return { path, type: 'integer', description: `${description}, in minor units (cents for usd)`, money: true, example };
}

/** The fields every Stripe object carries. */
export function commonFields(kind: string, idExample: string, options: { metadata?: boolean } = {}): ObjectField[] {
  return [
    field('id', 'string', `Unique identifier of the ${kind.replaceAll('_', ' ')}`, idExample),
    field('object', 'string', `The object's kind, always "${kind}"`, kind),
    field('created', 'timestamp', 'When it was created, in Unix seconds', 1767225600),
    field('livemode', 'boolean', 'False in test mode (and in the sandbox)', false),
    ...(options.metadata === false ? [] : [field('metadata', 'object', 'Key-value pairs set through the API (strings)', { order_id: '6735' })]),
  ];
}

/** Whether a JSON value has the field's type (null has every type: Stripe sends null for what is not set). */
export function valueHasType(value: unknown, type: FieldType): boolean {
  if (value === null) return true;
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
    case 'timestamp':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && !Array.isArray(value);
    case 'null':
      return false;
    default: {
      const unknownType: never = type;
      throw new Error(`unknown field type ${String(unknownType)}`);
    }
  }
}

/** The `currency` beside money fields. */
export const CURRENCY_FIELD = field('currency', 'string', 'Three-letter ISO currency code, lower case', 'usd');

/** The customer an object belongs to. */
export const CUSTOMER_FIELD = field('customer', 'string', 'The customer (cus_…), when there is one', 'cus_NffrFeUfNV2Hib');
