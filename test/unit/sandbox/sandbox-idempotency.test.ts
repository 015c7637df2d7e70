import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import Stripe from 'stripe';
import { startSandbox, type SandboxFixture } from './sandbox-fixture.ts';

void describe('Stripe sandbox: idempotency and fault injection', () => {
  let fx: SandboxFixture;
  before(async () => {
    fx = await startSandbox();
  });
  after(() => fx.close());

  void it('replays the stored answer for the same key and parameters', async () => {
    const first = await fx.stripe.customers.create({ email: 'once@example.com' }, { idempotencyKey: 'create-once' });
    const second = await fx.stripe.customers.create({ email: 'once@example.com' }, { idempotencyKey: 'create-once' });
    assert.equal(second.id, first.id);
    assert.deepEqual(second, first);
    assert.equal(second.lastResponse.headers['idempotent-replayed'], 'true');
    assert.equal(first.lastResponse.headers['idempotent-replayed'], undefined);
    assert.equal((await fx.stripe.customers.list({ email: 'once@example.com' })).data.length, 1);
  });

  void it('replays errors too, without running the request again', async () => {
    const intent = await fx.stripe.paymentIntents.create({ amount: 500, currency: 'usd', confirm: true, payment_method: 'pm_card_visa' });
    await fx.stripe.refunds.create({ payment_intent: intent.id });
    const attempt = (): Promise<Stripe.Refund> => fx.stripe.refunds.create({ payment_intent: intent.id }, { idempotencyKey: 'refund-again' });
    await assert.rejects(attempt(), { code: 'charge_already_refunded' });
    await assert.rejects(attempt(), (error: unknown) => {
      assert.ok(error instanceof Stripe.errors.StripeInvalidRequestError);
      assert.equal(error.headers?.['idempotent-replayed'], 'true');
      return true;
    });
  });

  void it('answers idempotency_error when a key is reused with other parameters', async () => {
    await fx.stripe.customers.create({ email: 'a@example.com' }, { idempotencyKey: 'reused-key' });
    await assert.rejects(fx.stripe.customers.create({ email: 'b@example.com' }, { idempotencyKey: 'reused-key' }), (error: unknown) => {
      assert.ok(error instanceof Stripe.errors.StripeIdempotencyError);
      assert.equal(error.statusCode, 400);
      assert.equal(error.rawType, 'idempotency_error');
      assert.match(error.message, /^Keys for idempotent requests can only be used with the same parameters they were first used with/);
      return true;
    });
  });

  void it('scopes keys per API key', async () => {
    const mine = await fx.stripe.customers.create({ email: 'mine@example.com' }, { idempotencyKey: 'shared-key' });
    const theirs = await fx.client({ apiKey: 'sk_test_other' }).customers.create({ email: 'theirs@example.com' }, { idempotencyKey: 'shared-key' });
    assert.notEqual(theirs.id, mine.id);
  });

  void it('lets the SDK retry an injected 500 with the same Idempotency-Key', async () => {
    fx.sandbox.clearRequests();
    fx.sandbox.failNext(1, { kind: 'status', status: 500 });
    const customer = await fx.client({ maxNetworkRetries: 2 }).customers.create({ email: 'retry@example.com' });
    assert.match(customer.id, /^cus_/);
    const posts = fx.sandbox.requests.filter((r) => r.method === 'POST' && r.path === '/v1/customers');
    assert.equal(posts.length, 2);
    assert.deepEqual(posts.map((r) => r.status), [500, 200]);
    assert.ok(posts[0]?.idempotencyKey);
    assert.equal(posts[1]?.idempotencyKey, posts[0]?.idempotencyKey);
    assert.equal(posts[1]?.replayed, false);
    assert.equal((await fx.stripe.customers.list({ email: 'retry@example.com' })).data.length, 1);
  });

  void it('after a lost answer (afterProcessing), the retry replays and money moves once', async () => {
    const intent = await fx.stripe.paymentIntents.create({ amount: 800, currency: 'usd', confirm: true, payment_method: 'pm_card_visa' });
    fx.sandbox.failNext(1, { kind: 'status', status: 503, afterProcessing: true, match: { method: 'POST', path: '/v1/refunds' } });
    const refund = await fx.client({ maxNetworkRetries: 1 }).refunds.create({ payment_intent: intent.id, amount: 300 });
    assert.equal(refund.lastResponse.headers['idempotent-replayed'], 'true');
    const refunds = await fx.stripe.refunds.list({ payment_intent: intent.id });
    assert.deepEqual(refunds.data.map((r) => r.id), [refund.id]);
    assert.equal((await fx.stripe.charges.retrieve(intent.latest_charge as string)).amount_refunded, 300);
  });

  void it('answers an injected 429 with Retry-After', async () => {
    fx.sandbox.failNext(1, { kind: 'status', status: 429, retryAfter: 7 });
    await assert.rejects(fx.stripe.customers.list(), (error: unknown) => {
      assert.ok(error instanceof Stripe.errors.StripeRateLimitError);
      assert.equal(error.statusCode, 429);
      assert.equal(error.headers?.['retry-after'], '7');
      return true;
    });
  });

  void it('hangs until the SDK times out, and serves the next request', async () => {
    fx.sandbox.clearRequests();
    fx.sandbox.failNext(1, { kind: 'hang' });
    await assert.rejects(fx.client({ timeout: 200 }).customers.create({ email: 'hang@example.com' }), (error: unknown) => {
      assert.ok(error instanceof Stripe.errors.StripeConnectionError);
      assert.match(error.message, /timeout/);
      return true;
    });
    assert.equal(fx.sandbox.requests[0]?.status, null);
    assert.equal((await fx.stripe.customers.list({ email: 'hang@example.com' })).data.length, 0);
    assert.equal((await fx.stripe.customers.create({ email: 'hang@example.com' })).email, 'hang@example.com');
  });
});

void describe('Stripe sandbox: stop()', () => {
  void it('closes a hung connection', async () => {
    const fx = await startSandbox();
    fx.sandbox.failNext(1, { kind: 'hang' });
    const outcome = new Promise<string>((resolve) => {
      const req = request(`${fx.url}/v1/customers`, { method: 'POST', headers: { authorization: 'Bearer sk_test_123' } }, () => resolve('answered'));
      req.on('error', (error) => resolve(`error: ${error.message}`));
      req.end('email=x%40example.com');
    });
    while (fx.sandbox.requests.length === 0) await new Promise((resolve) => setImmediate(resolve));
    await fx.close();
    assert.match(await outcome, /^error: /);
  });
});
