import type { FieldType, ObjectField } from './object-field.ts';

// Nested objects are listed this deep (metadata.x.y is rare and Stripe's objects nest little).
const MAX_DEPTH = 3;
const MONEY_KEY = /^(amount|amount_.+|.+_amount|total|subtotal|fee|net|balance)$/;
const TIME_KEY = /^(created|due_by|start|end)$|_at$|_date$|_on$|^period_(start|end)$/;

/**
 * The fields of an object kind without a curated list, read off a sample
 * object: each key's JSON type (integers named like times are timestamps),
 * nested objects' keys with dotted paths, and `money` for amount-like
 * integers beside a `currency`.
 */
export function fieldsOfObject(object: Record<string, unknown>): ObjectField[] {
  return walk(object, '', 1);
}

function walk(object: Record<string, unknown>, prefix: string, depth: number): ObjectField[] {
  const hasCurrency = typeof object.currency === 'string';
  return Object.entries(object).flatMap(([key, value]) => {
    const path = `${prefix}${key}`;
    const type = typeOf(key, value);
    const own: ObjectField = { path, type, description: null, money: type === 'integer' && hasCurrency && MONEY_KEY.test(key), example: value };
    const nested = type === 'object' && depth < MAX_DEPTH && key !== 'metadata' ? walk(value as Record<string, unknown>, `${path}.`, depth + 1) : [];
    return [own, ...nested];
  });
}

function typeOf(key: string, value: unknown): FieldType {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'boolean';
    case 'number':
      if (!Number.isInteger(value)) return 'number';
      return TIME_KEY.test(key) ? 'timestamp' : 'integer';
    default:
      return 'object';
  }
}
