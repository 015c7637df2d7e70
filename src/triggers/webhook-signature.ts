/**
 * The signature of a delivery to a workflow's webhook trigger:
 * `X-Tollgate-Signature: t=<unix seconds>,sha256=<hex HMAC-SHA256 of "<t>.<raw body>">`.
 * The timestamp is signed with the body, so a captured delivery cannot be
 * sent again after the tolerance, nor with a new timestamp; within the
 * tolerance, a repeat of the same signature is answered as a duplicate
 * (webhook-trigger.ts).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { UnauthorizedError } from '../core/errors.ts';

/** The header that carries the signature. */
export const WEBHOOK_SIGNATURE_HEADER = 'x-tollgate-signature';

/** How far a delivery's timestamp may be from the server's clock, either way. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

/** The header value a sender puts in X-Tollgate-Signature for `rawBody` sent at `timestamp` (unix seconds). */
export function webhookSignature(rawBody: string, secret: string, timestamp: number): string {
  return `t=${timestamp},sha256=${hmac(secret, timestamp, rawBody)}`;
}

/**
 * Checks `header` against the body, the secret and the clock.
 * @returns the signature's hex digest, which names this delivery (for spotting a replay).
 * @throws UnauthorizedError `signature_invalid` saying what is wrong.
 */
export function verifyWebhookSignature(input: { rawBody: string; header: string | undefined; secret: string; now: Date }): string {
  const refuse = (reason: string): never => {
    throw new UnauthorizedError(
      'signature_invalid',
      `webhook signature check failed: ${reason}. Send X-Tollgate-Signature: t=<unix seconds>,sha256=<hex HMAC-SHA256 of "<t>.<raw body>" under the trigger's secret>`,
      { path: 'X-Tollgate-Signature' },
    );
  };
  if (input.header === undefined || input.header.trim() === '') return refuse('the X-Tollgate-Signature header is missing');
  const match = /^t=(\d{1,12}),sha256=([0-9a-f]{64})$/.exec(input.header.trim().toLowerCase());
  if (match?.[1] === undefined || match[2] === undefined) return refuse('the header is not t=<unix seconds>,sha256=<64 hex digits>');
  const timestamp = Number(match[1]);
  const expected = Buffer.from(hmac(input.secret, timestamp, input.rawBody), 'utf8');
  if (!timingSafeEqual(Buffer.from(match[2], 'utf8'), expected)) return refuse('the signature does not match the timestamp and body');
  const skew = Math.abs(input.now.getTime() / 1000 - timestamp);
  if (skew > WEBHOOK_TOLERANCE_SECONDS) {
    return refuse(`the timestamp t=${timestamp} is ${Math.round(skew)} s from the server's clock, outside the tolerance of ${WEBHOOK_TOLERANCE_SECONDS} s; sign each delivery when it is sent`);
  }
  return match[2];
}

function hmac(secret: string, timestamp: number, rawBody: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${rawBody}`, 'utf8').digest('hex');
}
