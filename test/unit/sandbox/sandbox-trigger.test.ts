import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type Stripe from 'stripe';
import { SandboxApiError } from '../../../src/sandbox/sandbox-errors.ts';
import { startReceiver, startSandbox, type SandboxFixture } from './sandbox-fixture.ts';

void describe('Stripe sandbox: trigger', () => {
  let fx: SandboxFixture;
  before(async () => {
    fx = await startSandbox();
  });
  after(() => fx.close());

  void it('payment_intent.succeeded creates a customer, a succeeded intent and its charge', async () => {
    const receiver = await startReceiver();
    try {
      fx.sandbox.addEndpoint({ url: receiver.url, secret: 'whsec_trigger' });
      const event = fx.sandbox.trigger('payment_intent.succeeded', { amount: 125_000, metadata: { order: 'O-7' } });
      assert.equal(event.type, 'payment_intent.succeeded');
      const intent = await fx.stripe.paymentIntents.retrieve(event.data.object.id);
      assert.equal(intent.status, 'succeeded');
      assert.equal(intent.amount, 125_000);
      assert.equal(intent.currency, 'usd');
      assert.deepEqual(intent.metadata, { order: 'O-7' });
      assert.match(intent.customer as string, /^cus_/);
      assert.equal((await fx.stripe.charges.retrieve(intent.latest_charge as string)).amount, 125_000);

      await fx.sandbox.idle();
      const delivered = receiver.received.map((d) => fx.stripe.webhooks.constructEvent(d.body, String(d.headers['stripe-signature']), 'whsec_trigger').type);
      assert.deepEqual([...delivered].sort(), ['charge.succeeded', 'customer.created', 'payment_intent.created', 'payment_intent.succeeded']);
    } finally {
      await receiver.close();
    }
  });

  void it('uses a given customer and puts a connected account on the events', async () => {
    const customer = await fx.stripe.customers.create({ email: 'vip@example.com' });
    const event = fx.sandbox.trigger('charge.succeeded', { customer: customer.id, amount: 300, currency: 'eur', account: 'acct_123' });
    assert.equal(event.account, 'acct_123');
    const charge = event.data.object as unknown as Stripe.Charge;
    assert.equal(charge.customer, customer.id);
    assert.equal(charge.currency, 'eur');
  });

  void it('radar.early_fraud_warning.created warns on a succeeded charge of the given amount', async () => {
    const event = fx.sandbox.trigger('radar.early_fraud_warning.created', { amount: 1200 });
    const warning = await fx.stripe.radar.earlyFraudWarnings.retrieve(event.data.object.id, { expand: ['charge'] });
    assert.match(warning.id, /^issfr_/);
    assert.equal(warning.fraud_type, 'misc');
    assert.equal(warning.actionable, true);
    const charge = warning.charge as Stripe.Charge;
    assert.equal(charge.amount, 1200);
    assert.equal(charge.status, 'succeeded');
    assert.equal(warning.payment_intent, charge.payment_intent);

    const listed = await fx.stripe.radar.earlyFraudWarnings.list({ charge: charge.id });
    assert.deepEqual(listed.data.map((w) => w.id), [warning.id]);

    await fx.stripe.refunds.create({ charge: charge.id, reason: 'fraudulent' });
    assert.equal((await fx.stripe.radar.earlyFraudWarnings.retrieve(warning.id)).actionable, false);
  });

  void it('puts a fraud warning and a dispute on a given charge; the dispute settles the warning and Stripe then refuses a refund (charge_disputed)', async () => {
    const paid = fx.sandbox.trigger('charge.succeeded', { amount: 7_500 }).data.object.id;
    const response = await fetch(`${fx.url}/_sandbox/trigger`, { method: 'POST', body: JSON.stringify({ event: 'radar.early_fraud_warning.created', charge: paid }) });
    assert.equal(response.status, 200);
    const warning = ((await response.json()) as { data: { object: { id: string; charge: string; actionable: boolean } } }).data.object;
    assert.deepEqual([warning.charge, warning.actionable], [paid, true]);

    const dispute = fx.sandbox.trigger('charge.dispute.created', { charge: paid }).data.object as unknown as Stripe.Dispute;
    assert.equal(dispute.charge, paid);
    assert.equal(dispute.amount, 7_500);
    assert.equal((await fx.stripe.charges.retrieve(paid)).disputed, true);
    assert.equal((await fx.stripe.radar.earlyFraudWarnings.retrieve(warning.id)).actionable, false);
    await assert.rejects(fx.stripe.refunds.create({ charge: paid }), (error: unknown) => {
      assert.equal((error as Stripe.errors.StripeError).code, 'charge_disputed');
      assert.match((error as Error).message, new RegExp(`Charge ${paid} has been charged back`));
      return true;
    });
    assert.equal((await fx.stripe.charges.retrieve(paid)).amount_refunded, 0);
  });

  void it('refuses a charge for an event not about one, beside an amount, or unknown', async () => {
    const paid = fx.sandbox.trigger('charge.succeeded').data.object.id;
    const refused = (event: string, extra: object) => () => fx.sandbox.trigger(event, { charge: paid, ...extra });
    assert.throws(refused('customer.created', {}), (error: unknown) => error instanceof SandboxApiError && error.body.param === 'charge' && /applies to a dispute or an early fraud warning/.test(error.message));
    assert.throws(refused('charge.dispute.created', { amount: 100 }), (error: unknown) => error instanceof SandboxApiError && error.body.param === 'amount' && /takes its amount, currency and customer from ch_/.test(error.message));
    assert.throws(() => fx.sandbox.trigger('charge.dispute.created', { charge: 'ch_nope' }), (error: unknown) => error instanceof SandboxApiError && error.body.code === 'resource_missing' && error.body.param === 'charge');
    const wrongType = await fetch(`${fx.url}/_sandbox/trigger`, { method: 'POST', body: JSON.stringify({ event: 'charge.dispute.created', charge: 42 }) });
    assert.equal(wrongType.status, 400);
    assert.match(((await wrongType.json()) as { error: { message: string } }).error.message, /"charge" must be a string/);
  });

  void it('charge.refunded refunds the whole triggered charge', () => {
    const event = fx.sandbox.trigger('charge.refunded', { amount: 450 });
    const charge = event.data.object as unknown as Stripe.Charge;
    assert.equal(charge.amount_refunded, 450);
    assert.equal(charge.refunded, true);
  });

  void it('credit_note.created credits a paid invoice', async () => {
    const event = fx.sandbox.trigger('credit_note.created', { amount: 5000 });
    const note = await fx.stripe.creditNotes.retrieve(event.data.object.id);
    assert.match(note.id, /^cn_/);
    assert.equal(note.amount, 5000);
    const invoice = await fx.stripe.invoices.retrieve(note.invoice as string);
    assert.equal(invoice.status, 'paid');
    assert.equal(invoice.post_payment_credit_notes_amount, 5000);
  });

  void it('refuses a type that is not lower-case words joined by dots, showing the form', () => {
    assert.throws(() => fx.sandbox.trigger('Charge Dispute'), (error: unknown) => {
      assert.ok(error instanceof SandboxApiError);
      assert.equal(error.body.code, 'unsupported_event_type');
      assert.match(error.message, /charge\.dispute\.created/);
      return true;
    });
  });

  void it('triggers over HTTP at POST /_sandbox/trigger and lists requests at GET /_sandbox/requests', async () => {
    const response = await fetch(`${fx.url}/_sandbox/trigger`, { method: 'POST', body: JSON.stringify({ event: 'customer.created', metadata: { source: 'cli' } }) });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('request-id') ?? '', /^req_/);
    const event = (await response.json()) as { type: string; data: { object: { id: string; metadata: Record<string, string> } } };
    assert.equal(event.type, 'customer.created');
    assert.deepEqual(event.data.object.metadata, { source: 'cli' });
    assert.equal((await fx.stripe.customers.retrieve(event.data.object.id)).id, event.data.object.id);

    const unknown = await fetch(`${fx.url}/_sandbox/trigger`, { method: 'POST', body: JSON.stringify({ event: 'nope' }) });
    assert.equal(unknown.status, 400);
    const body = (await unknown.json()) as { error: { code: string; message: string } };
    assert.equal(body.error.code, 'unsupported_event_type');
    assert.match(body.error.message, /"nope" is not an event type/);

    const requests = (await (await fetch(`${fx.url}/_sandbox/requests`)).json()) as { data: Array<{ path: string }> };
    assert.ok(requests.data.some((r) => r.path === `/v1/customers/${event.data.object.id}`));
  });

  void it("records the Stripe-Account header and puts it on events, which only that account's requests list, as at Stripe", async () => {
    const customer = await fx.stripe.customers.create({ email: 'connected@example.com' }, { stripeAccount: 'acct_connected' });
    const recorded = fx.sandbox.requests.at(-1);
    assert.equal(recorded?.account, 'acct_connected');
    const [event] = (await fx.stripe.events.list({ type: 'customer.created', limit: 1 }, { stripeAccount: 'acct_connected' })).data;
    assert.equal((event?.data.object as Stripe.Customer).id, customer.id);
    assert.equal(event?.account, 'acct_connected');
    const platform = await fx.stripe.events.list({ type: 'customer.created' });
    assert.equal(platform.data.some((item) => item.id === event?.id), false, "the platform's list leaves out a connected account's events");
    await assert.rejects(fx.stripe.events.retrieve(event?.id ?? ''), { code: 'resource_missing' });
    await assert.rejects(fx.stripe.events.retrieve(event?.id ?? '', {}, { stripeAccount: 'acct_other' }), { code: 'resource_missing' });
    assert.equal((await fx.stripe.events.retrieve(event?.id ?? '', {}, { stripeAccount: 'acct_connected' })).id, event?.id);
  });
});
