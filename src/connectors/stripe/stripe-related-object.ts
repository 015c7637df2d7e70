import type Stripe from 'stripe';
import { PermanentError } from '../../core/errors.ts';
import { mapStripeError } from './stripe-error-mapping.ts';

/**
 * GETs the object a thin Stripe event is about (`related_object.url`), as
 * the connected account the event came from when it has one (`Stripe-Account`,
 * as every connected-account read here is made), tagged the way Stripe's SDK
 * tags such reads (`Stripe-Request-Trigger: event=<id>`).
 * @throws Stripe's errors mapped (stripe-error-mapping.ts): TransientError for network, 429, 5xx; PermanentError
 *   otherwise (with `details.status`); PermanentError `stripe_answer_invalid` when the answer is not an object
 */
export async function fetchStripeRelatedObject(client: Stripe, request: { url: string; account: string | null; eventId: string; now: () => Date }): Promise<Record<string, unknown>> {
  let answer: unknown;
  try {
    answer = await client.rawRequest('GET', request.url, undefined, {
      ...(request.account === null ? {} : { stripeAccount: request.account }),
      additionalHeaders: { 'Stripe-Request-Trigger': `event=${request.eventId}` },
    });
  } catch (error) {
    throw await mapStripeError(error, { operation: `GET ${request.url}`, now: request.now() });
  }
  if (typeof answer !== 'object' || answer === null || Array.isArray(answer)) {
    throw new PermanentError('stripe_answer_invalid', `GET ${request.url}: Stripe answered something other than an object`);
  }
  return answer as Record<string, unknown>;
}
