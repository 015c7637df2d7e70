import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Stripe from 'stripe';
import { ManualClock } from '../../../src/core/clock.ts';
import { startSandbox, type SandboxFixture } from './sandbox-fixture.ts';

void describe('Stripe sandbox: customers, lists and the wire protocol', () => {
  let fx: SandboxFixture;
  const clock = new ManualClock(new Date('2026-03-01T12:00:00Z'));
  before(async () => {
    fx = await startSandbox({ clock });
  });
  after(() => fx.close());

  void it('creates a customer with Stripe-shaped fields and the injected clock', async () => {
    const customer = await fx.stripe.customers.create({ email: 'jenny@example.com', name: 'Jenny', metadata: { plan: 'pro' } });
    assert.match(customer.id, /^cus_/);
    assert.equal(customer.object, 'customer');
    assert.equal(customer.livemode, false);
    assert.equal(customer.created, Date.parse('2026-03-01T12:00:00Z') / 1000);
    assert.deepEqual(customer.metadata, { plan: 'pro' });
    assert.match(customer.lastResponse.requestId, /^req_/);
  });

  void it('merges metadata key by key and deletes a key given an empty string', async () => {
    const customer = await fx.stripe.customers.create({ metadata: { keep: '1', drop: '2', change: 'a' } });
    const updated = await fx.stripe.customers.update(customer.id, { name: 'Renamed', metadata: { drop: '', change: 'b', added: 'c' } });
    assert.deepEqual(updated.metadata, { keep: '1', change: 'b', added: 'c' });
    assert.equal(updated.name, 'Renamed');
    const cleared = await fx.stripe.customers.update(customer.id, { metadata: '' });
    assert.deepEqual(cleared.metadata, {});
    const [event] = (await fx.stripe.events.list({ type: 'customer.updated', limit: 2 })).data;
    assert.deepEqual(event?.data.object, cleared);
    assert.deepEqual(event?.data.previous_attributes, { metadata: { keep: '1', change: 'b', added: 'c' } });
  });

  void it('answers a missing customer with 404 resource_missing', async () => {
    await assert.rejects(fx.stripe.customers.retrieve('cus_missing'), (error: unknown) => {
      assert.ok(error instanceof Stripe.errors.StripeInvalidRequestError);
      assert.equal(error.statusCode, 404);
      assert.equal(error.code, 'resource_missing');
      assert.equal(error.param, 'id');
      assert.equal(error.message, "No such customer: 'cus_missing'");
      return true;
    });
  });

  void it('rejects unknown parameters instead of ignoring them', async () => {
    await assert.rejects(fx.stripe.customers.create({ emial: 'typo@example.com' } as Stripe.CustomerCreateParams), (error: unknown) => {
      assert.ok(error instanceof Stripe.errors.StripeInvalidRequestError);
      assert.equal(error.code, 'parameter_unknown');
      assert.equal(error.param, 'emial');
      return true;
    });
  });

  void it('pages newest first and auto-paginates over 25 customers', async () => {
    const tag = `page-${Date.now()}`;
    const created: string[] = [];
    for (let i = 0; i < 25; i += 1) {
      created.push((await fx.stripe.customers.create({ email: `${tag}@example.com`, metadata: { i: String(i) } })).id);
    }
    const first = await fx.stripe.customers.list({ email: `${tag}@example.com`, limit: 10 });
    assert.equal(first.object, 'list');
    assert.equal(first.url, '/v1/customers');
    assert.equal(first.has_more, true);
    assert.deepEqual(first.data.map((c) => c.id), created.slice(-10).reverse());

    const seen: string[] = [];
    for await (const customer of fx.stripe.customers.list({ email: `${tag}@example.com`, limit: 10 })) seen.push(customer.id);
    assert.deepEqual(seen, [...created].reverse());

    const newer = await fx.stripe.customers.list({ email: `${tag}@example.com`, limit: 3, ending_before: created[10] });
    assert.deepEqual(newer.data.map((c) => c.id), created.slice(11, 14).reverse());
    assert.equal(newer.has_more, true);
  });

  void it('rejects a limit above 100', async () => {
    await assert.rejects(fx.stripe.customers.list({ limit: 101 }), { statusCode: 400, param: 'limit' });
  });

  void it('answers 401 without an API key and with a live key', async () => {
    const response = await fetch(`${fx.url}/v1/customers`);
    assert.equal(response.status, 401);
    assert.match(response.headers.get('request-id') ?? '', /^req_/);
    const body = (await response.json()) as { error: { type: string; message: string } };
    assert.equal(body.error.type, 'invalid_request_error');
    assert.match(body.error.message, /did not provide an API key/);

    await assert.rejects(fx.client({ apiKey: 'sk_live_abcdefghijklmnop' }).customers.list(), (error: unknown) => {
      assert.ok(error instanceof Stripe.errors.StripeAuthenticationError);
      assert.equal(error.statusCode, 401);
      return true;
    });
  });

  void it('accepts HTTP Basic auth as curl -u sends it', async () => {
    const response = await fetch(`${fx.url}/v1/customers?limit=1`, { headers: { authorization: `Basic ${Buffer.from('sk_test_123:').toString('base64')}` } });
    assert.equal(response.status, 200);
  });

  void it('answers an unknown route with 404 Unrecognized request URL', async () => {
    const response = await fetch(`${fx.url}/v1/foo`, { headers: { authorization: 'Bearer sk_test_123' } });
    assert.equal(response.status, 404);
    assert.match(response.headers.get('request-id') ?? '', /^req_/);
    const body = (await response.json()) as { error: { type: string; message: string } };
    assert.equal(body.error.type, 'invalid_request_error');
    assert.match(body.error.message, /^Unrecognized request URL \(GET: \/v1\/foo\)/);
  });
});
