/**
 * The signature Stripe puts on a webhook delivery, checked as Stripe documents
 * it ("verify manually"): `Stripe-Signature: t=<unix seconds>,v1=<hex
 * HMAC-SHA256 of "<t>.<raw body>">[,v1=...]`, any `v1` under any of the
 * connector's secrets (two during a rotation), within the timestamp tolerance.
 * Written here rather than through the SDK so the intake does not load the
 * SDK's 500 modules (20 MB) before a workflow calls Stripe; the tests check it
 * against the SDK's own signer.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { InvalidInputError } from '../core/errors.ts';

export interface VerifiedEvent {
  id: string;
  /** `event` for a snapshot event; `v2.core.event` for a thin one (thin-event.ts). */
  object?: string;
  type: string;
  account?: string;
  livemode: boolean;
  created: number;
  data: { object: unknown };
}

/** The scheme of the signatures Stripe computes with the endpoint's secret; others (`v0`, test mode's) are ignored. */
const SCHEME = 'v1';

export function verifyStripeSignature(input: { rawBody: string | Buffer; header: string | undefined; secrets: readonly string[]; toleranceSeconds: number }): VerifiedEvent {
  if (!input.header) throw signatureError('the Stripe-Signature header is missing');
  const { timestamp, signatures } = parseHeader(input.header);
  if (timestamp === undefined || signatures.length === 0) throw signatureError('the Stripe-Signature header has no timestamp (t=) or no v1 signature');
  const body = typeof input.rawBody === 'string' ? input.rawBody : input.rawBody.toString('utf8');
  const signed = `${timestamp}.${body}`;
  const matches = input.secrets.some((secret) => {
    if (secret.trim() === '') return false;
    const expected = hmacHex(secret, signed);
    return signatures.some((signature) => sameHex(signature, expected));
  });
  if (!matches) throw signatureError('no v1 signature matches the body under the connector\'s signing secret');
  const age = Math.floor(Date.now() / 1000) - timestamp;
  if (input.toleranceSeconds > 0 && age > input.toleranceSeconds) throw signatureError(`the timestamp t=${timestamp} is ${age} s old, outside the tolerance of ${input.toleranceSeconds} s`);
  try {
    return JSON.parse(body) as VerifiedEvent;
  } catch (error) {
    // The signature held, so the sender holds the secret: the body itself is wrong.
    throw new InvalidInputError('request_invalid', `the signed body is not JSON: ${error instanceof Error ? error.message : String(error)}`, [], { path: 'body' });
  }
}

function parseHeader(header: string): { timestamp: number | undefined; signatures: string[] } {
  let timestamp: number | undefined;
  const signatures: string[] = [];
  // As Stripe writes it and its SDK reads it: comma-separated key=value pairs, no spaces.
  for (const item of header.split(',')) {
    const at = item.indexOf('=');
    if (at < 0) continue;
    const key = item.slice(0, at);
    const value = item.slice(at + 1);
    if (key === 't' && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (key === SCHEME && value !== '') signatures.push(value);
  }
  return { timestamp, signatures };
}

function hmacHex(secret: string, signed: string): string {
  return createHmac('sha256', secret).update(signed, 'utf8').digest('hex');
}

function sameHex(given: string, expected: string): boolean {
  return given.length === expected.length && timingSafeEqual(Buffer.from(given, 'utf8'), Buffer.from(expected, 'utf8'));
}

function signatureError(reason: string): InvalidInputError {
  return new InvalidInputError('signature_invalid', `webhook signature check failed: ${reason}. Check the connector's webhook signing secret (whsec_...).`, [], { path: 'Stripe-Signature' });
}
