import type { FormObject, FormValue } from './form-decoder.ts';
import { parameterError } from './sandbox-errors.ts';
import type { Metadata } from './stripe-objects.ts';

/** Parameters every list endpoint accepts. */
export const LIST_PARAMS = ['limit', 'starting_after', 'ending_before', 'created'] as const;

const METADATA_LIMITS = { keys: 50, keyLength: 40, valueLength: 500 };

/** Rejects parameters an endpoint does not know, as Stripe does (`expand` is always allowed). */
export function assertKnownParams(params: FormObject, allowed: readonly string[]): void {
  for (const key of Object.keys(params)) {
    if (key !== 'expand' && !allowed.includes(key)) {
      throw parameterError('parameter_unknown', `Received unknown parameter: ${key}`, key);
    }
  }
}

/** A string parameter, or undefined when absent. */
export function readString(params: FormObject, name: string): string | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw parameterError('parameter_invalid_string', `Invalid string: ${name} must be a string, not a hash or list.`, name);
  return value;
}

/** A required, non-empty string parameter. */
export function requireString(params: FormObject, name: string): string {
  const value = readString(params, name);
  if (value === undefined) throw parameterError('parameter_missing', `Missing required param: ${name}.`, name);
  if (value === '') {
    throw parameterError('parameter_invalid_empty', `You passed an empty string for '${name}'. We assume empty values are an attempt to unset a parameter; however '${name}' cannot be unset. You should remove '${name}' from your request or supply a non-empty value.`, name);
  }
  return value;
}

/** A string that may be unset with an empty value: undefined (absent), null (unset) or the string. */
export function readNullableString(params: FormObject, name: string): string | null | undefined {
  const value = readString(params, name);
  return value === '' ? null : value;
}

/** An integer parameter, at least `min` when given. */
export function readInteger(params: FormObject, name: string, options: { min?: number } = {}): number | undefined {
  const raw = readString(params, name);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!/^-?\d+$/.test(raw) || !Number.isSafeInteger(value)) {
    throw parameterError('parameter_invalid_integer', `Invalid integer: ${raw}`, name);
  }
  if (options.min !== undefined && value < options.min) {
    const message = options.min === 1 ? 'Invalid positive integer' : `This value must be greater than or equal to ${options.min}.`;
    throw parameterError('parameter_invalid_integer', message, name);
  }
  return value;
}

/** A required integer parameter. */
export function requireInteger(params: FormObject, name: string, options: { min?: number } = {}): number {
  const value = readInteger(params, name, options);
  if (value === undefined) throw parameterError('parameter_missing', `Missing required param: ${name}.`, name);
  return value;
}

/** A three-letter ISO currency code, lowercased as Stripe returns it. */
export function readCurrency(params: FormObject, name = 'currency'): string | undefined {
  const raw = readString(params, name);
  if (raw === undefined) return undefined;
  const currency = raw.toLowerCase();
  if (!/^[a-z]{3}$/.test(currency)) throw parameterError('parameter_invalid_string', `Invalid currency: ${raw}. Use a three-letter ISO code such as usd.`, name);
  return currency;
}

/** A required currency code. */
export function requireCurrency(params: FormObject, name = 'currency'): string {
  const currency = readCurrency(params, name);
  if (currency === undefined) throw parameterError('parameter_missing', `Missing required param: ${name}.`, name);
  return currency;
}

/** A boolean parameter sent as `true` or `false`. */
export function readBoolean(params: FormObject, name: string): boolean | undefined {
  const raw = readString(params, name);
  if (raw === undefined) return undefined;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  throw parameterError('parameter_invalid_boolean', `Invalid boolean: ${raw}`, name);
}

/** A parameter limited to a fixed set of values. */
export function readEnum<T extends string>(params: FormObject, name: string, values: readonly T[]): T | undefined {
  const raw = readString(params, name);
  if (raw === undefined) return undefined;
  const found = values.find((value) => value === raw);
  if (found === undefined) {
    throw parameterError('parameter_invalid_enum', `Invalid ${name}: must be one of ${values.join(', ')}`, name);
  }
  return found;
}

/** A list of strings (`types[]=a&types[]=b`). */
export function readStringList(params: FormObject, name: string): string[] | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((item): item is string => typeof item === 'string')) {
    throw parameterError('parameter_invalid_array', `Invalid array: ${name} must be a list of strings.`, name);
  }
  return value;
}

/** A hash parameter (`automatic_payment_methods[enabled]=true`). */
export function readHash(params: FormObject, name: string): FormObject | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (typeof value === 'string' || Array.isArray(value)) throw parameterError('parameter_invalid_hash', `Invalid hash: ${name} must be a hash.`, name);
  return value;
}

/**
 * Applies a `metadata` parameter to existing metadata the way Stripe does:
 * keys merge one by one, an empty value deletes its key, and `metadata=`
 * (an empty string) clears every key.
 */
export function mergeMetadata(current: Metadata, value: FormValue | undefined): Metadata {
  if (value === undefined) return current;
  if (value === '') return {};
  if (typeof value === 'string' || Array.isArray(value)) {
    throw parameterError('parameter_invalid_hash', 'Invalid hash: metadata must be a hash of string keys to string values.', 'metadata');
  }
  const next: Metadata = { ...current };
  for (const [key, item] of Object.entries(value)) {
    if (typeof item !== 'string') throw parameterError('parameter_invalid_string', `Invalid string: metadata[${key}] must be a string.`, `metadata[${key}]`);
    if (key.length > METADATA_LIMITS.keyLength) throw parameterError('parameter_invalid_string', `Metadata keys can have up to ${METADATA_LIMITS.keyLength} characters: ${key}`, `metadata[${key}]`);
    if (item.length > METADATA_LIMITS.valueLength) throw parameterError('parameter_invalid_string', `Metadata values can have up to ${METADATA_LIMITS.valueLength} characters (metadata[${key}]).`, `metadata[${key}]`);
    if (item === '') delete next[key];
    else next[key] = item;
  }
  if (Object.keys(next).length > METADATA_LIMITS.keys) {
    throw parameterError('parameter_invalid_hash', `Metadata can have up to ${METADATA_LIMITS.keys} keys.`, 'metadata');
  }
  return next;
}
