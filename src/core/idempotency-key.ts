import { InvalidInputError } from './errors.ts';

/** A key is 1 to this many printable ASCII characters (Stripe's limit). */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

/**
 * The value of the header `header` that names a call or delivery, checked.
 * @throws InvalidInputError `idempotency_key_invalid` for a header sent twice, empty, too long or not printable ASCII.
 */
export function checkedIdempotencyKey(value: string | string[], header: string): string {
  const refuse = (why: string) =>
    new InvalidInputError('idempotency_key_invalid', `the ${header} header ${why}; send one key of 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} printable ASCII characters, e.g. a UUID`, [], {
      path: `headers.${header}`,
    });
  if (Array.isArray(value)) throw refuse('is sent more than once');
  if (value.trim() === '') throw refuse('is empty');
  if (value.length > MAX_IDEMPOTENCY_KEY_LENGTH) throw refuse(`is ${value.length} characters long`);
  if (!/^[\x20-\x7E]+$/.test(value)) throw refuse('holds characters that are not printable ASCII');
  return value;
}
