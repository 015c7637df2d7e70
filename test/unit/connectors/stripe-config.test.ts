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
    });
    assert.deepEqual(parseStripeConfig(connector({ secret_key: 'rk_live_abc', api_base: 'https://stripe.internal' })).apiBase, { host: 'stripe.internal', port: 443, protocol: 'https' });
    assert.equal(parseStripeConfig(connector({ secret_key: 'sk_live_abc' })).apiBase, undefined);
  });

  void it('refuses a missing connector, a publishable key and an API base with a path', () => {
    assert.throws(() => parseStripeConfig(undefined), (error: unknown) => error instanceof PermanentError && error.code === 'connector_missing');
    assert.throws(() => parseStripeConfig(connector({ secret_key: 'pk_test_abc' })), (error: unknown) => error instanceof PermanentError && error.path === 'connectors.stripe.config.secret_key');
    assert.throws(() => parseStripeConfig(connector({ secret_key: 'sk_test_abc', api_base: 'http://x/v1' })), (error: unknown) => error instanceof PermanentError && error.path === 'connectors.stripe.config.api_base');
  });

  void it('encodes query parameters in bracket notation', () => {
    assert.equal(
      encodeStripeQuery({ limit: 3, created: { gte: 100 }, expand: ['data.customer'], email: 'a+b@example.com', skip: null }),
      'limit=3&created[gte]=100&expand[0]=data.customer&email=a%2Bb%40example.com',
    );
  });
});
