import { PermanentError } from '../core/errors.ts';

/**
 * Copies an expression result into plain JSON-like values: JSONata sequences
 * (arrays carrying extra flags) become plain arrays, `undefined` members are
 * left out as JSON would, and a function result is an error because it cannot
 * be stored or sent anywhere.
 */
export function toPlainValue(value: unknown, source: string): unknown {
  if (typeof value === 'function' || isJsonataFunction(value)) {
    throw new PermanentError(
      'expression_failed',
      `expression "${source}" gave a function, not a value; call it, e.g. $f(x) instead of $f`,
      { details: { expression: source } },
    );
  }
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    for (const item of value as unknown[]) {
      if (item !== undefined) items.push(toPlainValue(item, source));
    }
    return items;
  }
  if (isPlainObject(value)) {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (item !== undefined) copy[key] = toPlainValue(item, source);
    }
    return copy;
  }
  return value;
}

/** Whether `value` is a JSONata function (a lambda or a built-in), which is an object, not a JS function. */
export function isJsonataFunction(value: unknown): boolean {
  return typeof value === 'object' && value !== null && ('_jsonata_lambda' in value || '_jsonata_function' in value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
