import type Stripe from 'stripe';
import { foreignErrorCode } from '../../core/error-codes.ts';
import { PermanentError, TollgateError, TransientError } from '../../core/errors.ts';
import { parseRetryAfter } from '../http/retry-after.ts';
import { loadStripeSdk } from './stripe-client-cache.ts';

/**
 * Turns what a Stripe call threw into the engine's retry meaning:
 * network failures, 429, 5xx, `lock_timeout` and answers Stripe marks
 * `Stripe-Should-Retry: true` are transient; every other Stripe error
 * (card declines, invalid requests such as `charge_already_refunded`,
 * authentication) is permanent. The code is Stripe's `code`, or
 * `stripe_<type>` when Stripe gives none; the details carry what a workflow's
 * `on_error` path needs (`error.code`, `error.decline_code`, `error.request_id`).
 */
export async function mapStripeError(error: unknown, context: { operation: string; now: Date }): Promise<TollgateError> {
  if (error instanceof TollgateError) return error;
  // Loaded already when a call threw; its classes are those of every `stripe` import (one module instance).
  const sdk = await loadStripeSdk();
  if (!(error instanceof sdk.errors.StripeError)) {
    const message = error instanceof Error ? error.message : String(error);
    return new PermanentError('stripe_request_invalid', `${context.operation}: the Stripe SDK refused the call: ${message}; check the step's parameters`, { cause: error });
  }
  const type = stripeType(error);
  const code = error.code === undefined ? (`stripe_${type}` as const) : foreignErrorCode(error.code);
  const status = error.statusCode ?? null;
  const details = {
    stripe_type: type,
    type,
    code: error.code ?? null,
    decline_code: error.decline_code ?? null,
    message: error.message,
    param: error.param ?? null,
    request_id: error.requestId ?? null,
    status,
  };
  const where = error.requestId === undefined ? '' : ` (request ${error.requestId})`;
  if (isTransient(error, sdk)) {
    const retryAfterMs = status === 429 ? parseRetryAfter(error.headers?.['retry-after'] ?? null, context.now) : undefined;
    return new TransientError(code, `${context.operation}: Stripe did not complete the call${where}: ${error.message}; it will be retried with the same idempotency key`, {
      cause: error,
      details,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  }
  return new PermanentError(code, `${context.operation}: Stripe refused the call${where}: ${error.message}`, {
    cause: error,
    details,
    ...(error.param === undefined ? {} : { path: `with.${error.param}` }),
  });
}

function isTransient(error: Stripe.errors.StripeError, sdk: typeof Stripe): boolean {
  if (error instanceof sdk.errors.StripeConnectionError) return true;
  if (error.code === 'lock_timeout') return true;
  if (error.headers?.['stripe-should-retry'] === 'true') return true;
  const status = error.statusCode;
  return status === 429 || (status !== undefined && status >= 500);
}

/** Stripe's error type (`card_error`, `invalid_request_error`), or one derived from the SDK class (`connection_error`). */
function stripeType(error: Stripe.errors.StripeError): string {
  if (error.rawType !== undefined) return error.rawType;
  const snake = error.type
    .replace(/^Stripe/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase();
  return snake.endsWith('_error') ? snake : `${snake}_error`;
}
