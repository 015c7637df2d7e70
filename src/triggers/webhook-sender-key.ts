/**
 * The sender's name for a webhook delivery, which its retries repeat: the
 * `Idempotency-Key` header, or else Standard Webhooks' `webhook-id` (what
 * Tollgate's own `webhook.post` sends, and Svix and others). A retry is
 * usually signed again with a new timestamp, so only this name tells it
 * from a new delivery.
 */
import { checkedIdempotencyKey } from '../core/idempotency-key.ts';

const HEADERS = ['idempotency-key', 'webhook-id'] as const;

/**
 * The delivery's key and the header it came in, or undefined when the sender gave none.
 * @throws InvalidInputError `idempotency_key_invalid` (core/idempotency-key.ts).
 */
export function senderDeliveryKey(headers: Record<string, string | string[] | undefined>): { header: string; key: string } | undefined {
  for (const header of HEADERS) {
    const value = headers[header];
    if (value !== undefined) return { header, key: checkedIdempotencyKey(value, header) };
  }
  return undefined;
}
