import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PermanentError } from '../../../src/core/errors.ts';
import { parseStripeConfig } from '../../../src/connectors/stripe/stripe-connector-config.ts';
import { encodeStripeQuery } from '../../../src/connectors/stripe/stripe-form-encoding.ts';

const connector = (config: Record<string, unknown>) => ({ id: 'stripe', type: 'stripe', config });

void describe('stripe connector config', () => {
  void it('reads the key, the API base and the version', () => {
    assert.deepEqual(parseStripeConfig(connector({ secret_key: 'sk_test_abc', api_base: 'http://127.0.0.1:12111', api_version: '2026-10-28.endive' })), {
      secretKey: 'sk_test_abc',
      apiBase: { host: '127.0.0.1', port: 12111, protocol: 'http' },
      apiVersion: '2026-10-28.endive',
      rateLimit: null,
    });
    assert.deepEqual(parseStripeConfig(connector({ secret_key: 'rk_live_abc', api_base: 'https://stripe.internal' })).apiBase, { host: 'stripe.internal', port: 443, protocol: 'https' });
    assert.equal(parseStripeConfig(connector({ secret_key: 'sk_live_abc' })).apiBase, undefined);
  });

  void it('refuses a missing connector, a publishable key and an API base with a path', () => {
    assert.throws(() => parseStripeConfig(undefined), (error: unknown) => error instanceof PermanentError && error.code === 'connector_missing');
    assert.throws(() => parseStripeConfig(connector({ secret_key: 'pk_test_abc' })), (error: unknown) => error instanceof PermanentError && error.path === 'connectors.stripe.config.secret_key');
    assert.throws(() => parseStripeConfig(connector({ secret_key: 'sk_test_abc', api_base: 'http://x/v1' })), (error: unknown) => error instanceof PermanentError && error.path === 'connectors.stripe.config.api_base');
  });

  void it('keeps calls under Stripe\'s rate by default (80/s live, 20/s test, none for a sandbox), or as rate_limit says', () => {
    const rate = (config: Record<string, unknown>) => parseStripeConfig(connector(config)).rateLimit;
    assert.equal(rate({ secret_key: 'sk_live_abc' }), 80);
    assert.equal(rate({ secret_key: 'rk_live_abc' }), 80);
    assert.equal(rate({ secret_key: 'sk_test_abc' }), 20);
    assert.equal(rate({ secret_key: 'sk_test_abc', api_base: 'http://127.0.0.1:12111' }), null);
    assert.equal(rate({ secret_key: 'sk_test_abc', api_base: 'http://127.0.0.1:12111', rate_limit: 5 }), 5);
    assert.equal(rate({ secret_key: 'sk_live_abc', rate_limit: 0 }), null);
    for (const wrong of [-1, 'fast', Number.POSITIVE_INFINITY]) {
      assert.throws(
        () => rate({ secret_key: 'sk_live_abc', rate_limit: wrong }),
        (error: unknown) => error instanceof PermanentError && error.path === 'connectors.stripe.config.rate_limit' && /requests per second \(a number such as 80\), or 0 for no limit/.test(error.message),
      );
    }
  });

  void it('encodes query parameters in bracket notation', () => {
    assert.equal(
      encodeStripeQuery({ limit: 3, created: { gte: 100 }, expand: ['data.customer'], email: 'a+b@example.com', skip: null }),
      'limit=3&created[gte]=100&expand[0]=data.customer&email=a%2Bb%40example.com',
    );
  });
});
