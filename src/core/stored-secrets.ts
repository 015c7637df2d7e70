/**
 * Secrets that must never be stored or logged in clear: what a masked value
 * reads as, the field names that hold one in the objects Tollgate stores (a
 * step's input and output, as Stripe and other services answer them), and the
 * pure function that masks them.
 */

/** What a masked secret reads as in stored runs, exports, API answers and logs. */
export const MASKED_SECRET = '**redacted**';

/**
 * Fields whose value is a credential wherever they appear: a PaymentIntent's
 * or SetupIntent's `client_secret`, an ephemeral key's `secret`, API keys and
 * tokens. Matched exactly (lower case), so ordinary fields such as
 * `secret_question_id` or `tokenized` stay readable.
 */
export const SECRET_FIELDS: ReadonlySet<string> = new Set([
  'client_secret',
  'secret',
  'api_key',
  'apikey',
  'secret_key',
  'password',
  'token',
  'access_token',
  'refresh_token',
  'id_token',
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
]);

/**
 * `value` with every SECRET_FIELDS field, at any depth, replaced by
 * MASKED_SECRET (null and absent values stay as they are, so a stored run still
 * shows that there was none). Only the objects and arrays on the way to a
 * secret are copied: one that holds none is returned as it is, so a step's
 * input and output cost no copy to store (the journal and variables only read them).
 * @example redactStoredSecrets({ id: 'pi_1', client_secret: 'pi_1_secret_x' }) // { id: 'pi_1', client_secret: '**redacted**' }
 */
export function redactStoredSecrets(value: unknown): unknown {
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item: unknown, index) => {
      const redacted = redactStoredSecrets(item);
      if (redacted === item) return;
      copy ??= [...(value as unknown[])];
      copy[index] = redacted;
    });
    return copy ?? value;
  }
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  let copy: Record<string, unknown> | undefined;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const item = (value as Record<string, unknown>)[key];
    const redacted = SECRET_FIELDS.has(key.toLowerCase()) && item !== null && item !== undefined ? MASKED_SECRET : redactStoredSecrets(item);
    if (redacted === item) continue;
    copy ??= { ...value };
    copy[key] = redacted;
  }
  return copy ?? value;
}
