import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import Stripe from 'stripe';
import { startReceiver, startSandbox, type SandboxFixture } from './sandbox-fixture.ts';

const SECRET = 'whsec_test_secret';

void describe('Stripe sandbox: webhook delivery', () => {
  let fx: SandboxFixture;
  beforeEach(async () => {
    fx = await startSandbox();
  });
  afterEach(() => fx.close());

  void it('POSTs each event signed so that stripe.webhooks.constructEvent verifies it', async () => {
    const receiver = await startReceiver();
    try {
      const endpoint = fx.sandbox.addEndpoint({ url: receiver.url, secret: SECRET });
      const customer = await fx.stripe.customers.create({ email: 'hook@example.com' });
      await fx.sandbox.idle();
      assert.equal(receiver.received.length, 1);
      const [delivery] = receiver.received;
      assert.ok(delivery);
      assert.match(String(delivery.headers['content-type']), /^application\/json/);
      const event = fx.stripe.webhooks.constructEvent(delivery.body, String(delivery.headers['stripe-signature']), SECRET);
      assert.equal(event.type, 'customer.created');
      assert.equal(event.data.object.id, customer.id);
      assert.equal(event.request?.id, customer.lastResponse.requestId);
      assert.throws(() => fx.stripe.webhooks.constructEvent(delivery.body, String(delivery.headers['stripe-signature']), 'whsec_wrong'), Stripe.errors.StripeSignatureVerificationError);
      assert.deepEqual(fx.sandbox.deliveries.map((d) => [d.eventId, d.endpointId, d.status, d.attempts]), [[event.id, endpoint.id, 'succeeded', 1]]);
    } finally {
      await receiver.close();
    }
  });

  void it('retries a delivery the endpoint first answers with 500', async () => {
    const receiver = await startReceiver([500]);
    try {
      fx.sandbox.addEndpoint({ url: receiver.url, secret: SECRET });
      await fx.stripe.customers.create({ email: 'retry-hook@example.com' });
      await fx.sandbox.idle();
      assert.equal(receiver.received.length, 2);
      for (const attempt of receiver.received) {
        assert.equal(fx.stripe.webhooks.constructEvent(attempt.body, String(attempt.headers['stripe-signature']), SECRET).type, 'customer.created');
      }
      const [record] = fx.sandbox.deliveries;
      assert.equal(record?.status, 'succeeded');
      assert.equal(record?.attempts, 2);
    } finally {
      await receiver.close();
    }
  });

  void it('gives up after the configured retries', async () => {
    const receiver = await startReceiver([500, 500, 502, 503]);
    try {
      fx.sandbox.addEndpoint({ url: receiver.url, secret: SECRET });
      await fx.stripe.customers.create({ email: 'fails@example.com' });
      await fx.sandbox.idle();
      const [record] = fx.sandbox.deliveries;
      assert.equal(record?.status, 'failed');
      assert.equal(record?.attempts, 4);
      assert.equal(record?.lastStatus, 503);
    } finally {
      await receiver.close();
    }
  });

  void it('records network errors and gives up after the retries', async () => {
    const receiver = await startReceiver();
    await receiver.close();
    fx.sandbox.addEndpoint({ url: receiver.url, secret: SECRET });
    await fx.stripe.customers.create({ email: 'nobody-listens@example.com' });
    await fx.sandbox.idle();
    const [record] = fx.sandbox.deliveries;
    assert.equal(record?.status, 'failed');
    assert.equal(record?.lastStatus, null);
    assert.match(record?.lastError ?? '', /ECONNREFUSED/);
  });

  void it('creates endpoints over the API with a whsec_ secret and enabled_events', async () => {
    const receiver = await startReceiver();
    try {
      const endpoint = await fx.stripe.webhookEndpoints.create({ url: receiver.url, enabled_events: ['payment_intent.succeeded'] });
      assert.match(endpoint.id, /^we_/);
      assert.match(endpoint.secret ?? '', /^whsec_/);
      assert.equal((await fx.stripe.webhookEndpoints.retrieve(endpoint.id)).secret, undefined);
      await fx.stripe.paymentIntents.create({ amount: 2500, currency: 'usd', confirm: true, payment_method: 'pm_card_visa' });
      await fx.sandbox.idle();
      assert.equal(receiver.received.length, 1);
      const [only] = receiver.received;
      const event = fx.stripe.webhooks.constructEvent(only?.body ?? '', String(only?.headers['stripe-signature']), endpoint.secret ?? '');
      assert.equal(event.type, 'payment_intent.succeeded');
      assert.equal(event.pending_webhooks, 1);
      const deleted = await fx.stripe.webhookEndpoints.del(endpoint.id);
      assert.equal(deleted.deleted, true);
    } finally {
      await receiver.close();
    }
  });
  void it('sends thin events to an endpoint with event_payload thin: the SDK parses them, and its related object URL is served', async () => {
    const receiver = await startReceiver();
    try {
      const endpoint = await fx.stripe.webhookEndpoints.create({ url: receiver.url, enabled_events: ['payment_intent.succeeded'], event_payload: 'thin' } as Stripe.WebhookEndpointCreateParams);
      assert.equal((endpoint as unknown as { event_payload: string }).event_payload, 'thin');
      const paid = await fx.stripe.paymentIntents.create({ amount: 2600, currency: 'usd', confirm: true, payment_method: 'pm_card_visa' }, { idempotencyKey: 'thin-pay' });
      const connected = fx.sandbox.trigger('payment_intent.succeeded', { amount: 700, currency: 'eur', account: 'acct_thin' });
      await fx.sandbox.idle();
      assert.equal(receiver.received.length, 2);
      const [own, theirs] = receiver.received.map((delivery) => fx.stripe.parseEventNotification(delivery.body, String(delivery.headers['stripe-signature']), endpoint.secret ?? ''));
      assert.ok(own && theirs);
      assert.equal(own.object, 'v2.core.event');
      assert.equal(own.type, 'v1.payment_intent.succeeded');
      assert.deepEqual(own.related_object, { id: paid.id, type: 'payment_intent', url: `/v1/payment_intents/${paid.id}` });
      assert.equal(own.context, undefined, "the platform's own event has no context");
      assert.deepEqual(own.reason, { type: 'request', request: { id: paid.lastResponse.requestId, idempotency_key: 'thin-pay' } });
      const snapshotOf = (thin: object) => (thin as { snapshot_event?: string }).snapshot_event ?? '';
      assert.notEqual(own.id, snapshotOf(own), 'a thin event has its own id');
      assert.equal(new Date(own.created).getTime() / 1000, (fx.sandbox.getObject(snapshotOf(own)) as { created: number } | undefined)?.created, 'and names the snapshot event of the same change, made at the same time');
      const fetched = (await own.fetchRelatedObject()) as unknown as { id: string; amount: number };
      assert.deepEqual([fetched.id, fetched.amount], [paid.id, 2600]);
      assert.equal(snapshotOf(theirs), connected.id);
      assert.equal(String(theirs.context), 'acct_thin');
      assert.equal(theirs.type === 'v1.payment_intent.succeeded' ? theirs.related_object.url : theirs.type, `/v1/payment_intents/${connected.data.object.id}`);
      assert.equal(JSON.parse(receiver.received[0]?.body ?? '{}').data, undefined, 'a thin event carries no object');

      await fx.stripe.webhookEndpoints.update(endpoint.id, { event_payload: 'snapshot' } as Stripe.WebhookEndpointUpdateParams);
      fx.sandbox.trigger('payment_intent.succeeded', { amount: 800, currency: 'usd' });
      await fx.sandbox.idle();
      const snapshot = fx.stripe.webhooks.constructEvent(receiver.received[2]?.body ?? '', String(receiver.received[2]?.headers['stripe-signature']), endpoint.secret ?? '');
      assert.equal(snapshot.object, 'event', 'switched back, the endpoint gets whole events again');
      await assert.rejects(fx.stripe.webhookEndpoints.update(endpoint.id, { event_payload: 'fat' } as Stripe.WebhookEndpointUpdateParams), /event_payload/);
    } finally {
      await receiver.close();
    }
  });

  void it("counts down an event's pending_webhooks as endpoints take it, and lists by delivery_success as Stripe does", async () => {
    const taking = await startReceiver();
    const failing = await startReceiver([500, 500, 500, 500]);
    try {
      fx.sandbox.addEndpoint({ url: taking.url, secret: SECRET });
      await fx.stripe.customers.create({ email: 'delivered@example.com' });
      await fx.sandbox.idle();
      const [delivered] = (await fx.stripe.events.list()).data;
      assert.equal(delivered?.pending_webhooks, 0);

      fx.sandbox.addEndpoint({ url: failing.url, secret: SECRET });
      await fx.stripe.customers.create({ email: 'half-delivered@example.com' });
      await fx.sandbox.idle();
      const [halfDelivered] = (await fx.stripe.events.list({ limit: 1 })).data;
      assert.equal(halfDelivered?.pending_webhooks, 1, 'one of two endpoints took it');

      const undelivered = await fx.stripe.events.list({ delivery_success: false });
      assert.deepEqual(undelivered.data.map((event) => event.id), [halfDelivered?.id]);
      const deliveredOnly = await fx.stripe.events.list({ delivery_success: true });
      assert.deepEqual(deliveredOnly.data.map((event) => event.id), [delivered?.id]);
      await assert.rejects(fx.stripe.events.list({ delivery_success: 'maybe' as unknown as boolean }), /Invalid boolean/);
    } finally {
      await taking.close();
      await failing.close();
    }
  });
});
