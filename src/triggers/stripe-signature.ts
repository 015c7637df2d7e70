import Stripe from 'stripe';
import { InvalidInputError } from '../core/errors.ts';

export interface VerifiedEvent {
  id: string;
  type: string;
  account?: string;
  livemode: boolean;
  created: number;
  data: { object: unknown };
}

/**
 * Checks a `Stripe-Signature` header against the raw body with the SDK's own
 * verifier: any of several `v1` values, any of the connector's secrets (two
 * during a rotation), within the timestamp tolerance.
 */
export function verifyStripeSignature(input: { rawBody: string | Buffer; header: string | undefined; secrets: readonly string[]; toleranceSeconds: number }): VerifiedEvent {
  if (!input.header) throw signatureError('the Stripe-Signature header is missing');
  let lastError: unknown;
  for (const secret of input.secrets) {
    try {
      const event: VerifiedEvent = Stripe.webhooks.constructEvent(input.rawBody, input.header, secret, input.toleranceSeconds);
      return event;
    } catch (error) {
      // The signature held (the SDK parses after checking it) but the text is not JSON: no other secret helps.
      if (error instanceof SyntaxError) throw new InvalidInputError('request_invalid', `the signed body is not JSON: ${error.message}`, [], { path: 'body' });
      lastError = error;
    }
  }
  throw signatureError(lastError instanceof Error ? lastError.message : 'no signing secret matched');
}

function signatureError(reason: string): InvalidInputError {
  return new InvalidInputError('signature_invalid', `webhook signature check failed: ${reason}. Check the connector's webhook signing secret (whsec_...).`, [], { path: 'Stripe-Signature' });
}
