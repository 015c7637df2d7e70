import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseStripeConfig } from '../../../src/connectors/stripe/stripe-connector-config.ts';
import { InvalidInputError } from '../../../src/core/errors.ts';
import { readConfig } from '../../../src/system/config.ts';
import { setUpStripe } from '../../../src/system/stripe-setup.ts';

test('TOLLGATE_STRIPE_RATE_LIMIT sets the rate of the stripe connector start makes for a real key; a wrong value names the variable', async () => {
  const connectorFor = async (env: NodeJS.ProcessEnv) => (await setUpStripe(readConfig({ STRIPE_SECRET_KEY: 'sk_live_abc', ...env }), { host: '127.0.0.1' })).connector;
  assert.equal(parseStripeConfig(await connectorFor({})).rateLimit, 80, 'the default for a live key');
  const banner = async (env: NodeJS.ProcessEnv) => (await setUpStripe(readConfig({ STRIPE_SECRET_KEY: 'sk_test_abc', ...env }), { host: '127.0.0.1' })).describe();
  assert.equal(await banner({}), 'Stripe API (test mode), events by webhook, at most 20 requests/s from this process', 'start says what it keeps to');
  assert.equal(await banner({ DATABASE_URL: 'postgres://tollgate@db.internal/tollgate' }), 'Stripe API (test mode), events by webhook, at most 20 requests/s from all processes of the database', 'on PostgreSQL they share the rate');
  assert.equal(await banner({ TOLLGATE_STRIPE_RATE_LIMIT: '0' }), 'Stripe API (test mode), events by webhook, no rate limit');
  assert.equal(parseStripeConfig(await connectorFor({ TOLLGATE_STRIPE_RATE_LIMIT: '40' })).rateLimit, 40);
  assert.equal(parseStripeConfig(await connectorFor({ TOLLGATE_STRIPE_RATE_LIMIT: '0' })).rateLimit, null);
  for (const wrong of ['fast', '-5']) {
    assert.throws(
      () => readConfig({ TOLLGATE_STRIPE_RATE_LIMIT: wrong }),
      (error) => error instanceof InvalidInputError && error.code === 'config_invalid' && error.message.includes(`TOLLGATE_STRIPE_RATE_LIMIT="${wrong}"`),
    );
  }
});
