import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import Stripe from 'stripe';
import { PermanentError, TransientError } from '../../../src/core/errors.ts';
import { mapStripeError } from '../../../src/connectors/stripe/stripe-error-mapping.ts';

const context = { operation: 'stripe.refunds.create', now: new Date('2026-01-01T00:00:00Z') };

void describe('mapStripeError', () => {
  void it('keeps a card decline permanent with its decline code', async () => {
    const error = await mapStripeError(
      new Stripe.errors.StripeCardError({ type: 'card_error', message: 'Your card was declined.', code: 'card_declined', decline_code: 'insufficient_funds', statusCode: 402, requestId: 'req_1' }),
      context,
    );
    assert.ok(error instanceof PermanentError);
    assert.equal(error.code, 'card_declined');
    assert.deepEqual(error.details, {
      stripe_type: 'card_error',
      type: 'card_error',
      code: 'card_declined',
      decline_code: 'insufficient_funds',
      message: 'Your card was declined.',
      param: null,
      request_id: 'req_1',
      status: 402,
    });
  });

  void it('retries lock_timeout, Stripe-Should-Retry and 5xx; names a code when Stripe gives none', async () => {
    const lock = await mapStripeError(new Stripe.errors.StripeInvalidRequestError({ type: 'invalid_request_error', code: 'lock_timeout', statusCode: 409 }), context);
    assert.ok(lock instanceof TransientError);
    assert.equal(lock.code, 'lock_timeout');
    const told = await mapStripeError(new Stripe.errors.StripeInvalidRequestError({ type: 'invalid_request_error', statusCode: 409, headers: { 'stripe-should-retry': 'true' } }), context);
    assert.ok(told instanceof TransientError);
    assert.equal(told.code, 'stripe_invalid_request_error');
    const api = await mapStripeError(new Stripe.errors.StripeAPIError({ type: 'api_error', statusCode: 503 }), context);
    assert.ok(api instanceof TransientError);
    assert.equal(api.code, 'stripe_api_error');
  });

  void it('reads Retry-After on a 429 as milliseconds', async () => {
    const limited = await mapStripeError(new Stripe.errors.StripeRateLimitError({ type: 'invalid_request_error', code: 'rate_limit', statusCode: 429, headers: { 'retry-after': '3' } }), context);
    assert.ok(limited instanceof TransientError);
    assert.equal(limited.retryAfterMs, 3000);
  });

  void it('keeps authentication failures permanent and points at the param', async () => {
    const auth = await mapStripeError(new Stripe.errors.StripeAuthenticationError({ type: 'invalid_request_error', statusCode: 401, message: 'Invalid API Key' }), context);
    assert.ok(auth instanceof PermanentError);
    const param = await mapStripeError(new Stripe.errors.StripeInvalidRequestError({ type: 'invalid_request_error', code: 'amount_too_large', param: 'amount', statusCode: 400 }), context);
    assert.equal(param.path, 'with.amount');
  });

  void it('turns anything else into a permanent error that keeps its cause', async () => {
    const cause = new TypeError('bad params');
    const error = await mapStripeError(cause, context);
    assert.ok(error instanceof PermanentError);
    assert.equal(error.code, 'stripe_request_invalid');
    assert.equal(error.cause, cause);
  });
});
