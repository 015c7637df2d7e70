import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Stripe from 'stripe';
import { startSandbox, type SandboxFixture } from './sandbox-fixture.ts';

void describe('Stripe sandbox: payment intents, charges and refunds', () => {
  let fx: SandboxFixture;
  before(async () => {
    fx = await startSandbox();
  });
  after(() => fx.close());

  async function paid(amount: number): Promise<{ intent: Stripe.PaymentIntent; chargeId: string }> {
    const customer = await fx.stripe.customers.create({ email: 'payer@example.com' });
    const intent = await fx.stripe.paymentIntents.create({ amount, currency: 'usd', customer: customer.id, metadata: { order: 'A-1' } });
    assert.equal(intent.status, 'requires_payment_method');
    const confirmed = await fx.stripe.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_visa' });
    assert.equal(typeof confirmed.latest_charge, 'string');
    return { intent: confirmed, chargeId: confirmed.latest_charge as string };
  }

  void it('confirms a payment intent into a succeeded charge', async () => {
    const { intent, chargeId } = await paid(4200);
    assert.equal(intent.status, 'succeeded');
    assert.equal(intent.amount_received, 4200);
    const charge = await fx.stripe.charges.retrieve(chargeId);
    assert.match(charge.id, /^ch_/);
    assert.equal(charge.amount, 4200);
    assert.equal(charge.amount_refunded, 0);
    assert.equal(charge.refunded, false);
    assert.equal(charge.status, 'succeeded');
    assert.equal(charge.paid, true);
    assert.equal(charge.captured, true);
    assert.equal(charge.payment_intent, intent.id);
    assert.equal(charge.customer, intent.customer);
    assert.deepEqual(charge.metadata, { order: 'A-1' });

    const types = (await fx.stripe.events.list({ limit: 3 })).data.map((event) => event.type);
    assert.deepEqual(types, ['payment_intent.succeeded', 'charge.succeeded', 'payment_intent.created']);
  });

  void it('creates and confirms in one call with confirm=true', async () => {
    const intent = await fx.stripe.paymentIntents.create({ amount: 999, currency: 'eur', confirm: true, payment_method: 'pm_card_visa' });
    assert.equal(intent.status, 'succeeded');
    const charges = await fx.stripe.charges.list({ payment_intent: intent.id });
    assert.equal(charges.data.length, 1);
    assert.equal(charges.data[0]?.currency, 'eur');
  });

  void it('declines with a 402 card_error for pm_card_chargeDeclined', async () => {
    await assert.rejects(fx.stripe.paymentIntents.create({ amount: 500, currency: 'usd', confirm: true, payment_method: 'pm_card_chargeDeclined' }), (error: unknown) => {
      assert.ok(error instanceof Stripe.errors.StripeCardError);
      assert.equal(error.statusCode, 402);
      assert.equal(error.code, 'card_declined');
      assert.equal(error.decline_code, 'generic_decline');
      assert.equal(error.payment_intent?.status, 'requires_payment_method');
      return true;
    });
  });

  void it('expands payment_intent and customer on a charge', async () => {
    const { intent, chargeId } = await paid(1000);
    const charge = await fx.stripe.charges.retrieve(chargeId, { expand: ['payment_intent', 'customer'] });
    assert.equal((charge.payment_intent as Stripe.PaymentIntent).object, 'payment_intent');
    assert.equal((charge.payment_intent as Stripe.PaymentIntent).id, intent.id);
    assert.equal((charge.customer as Stripe.Customer).id, intent.customer);
    const listed = await fx.stripe.charges.list({ customer: intent.customer as string, expand: ['data.customer'] });
    assert.equal((listed.data[0]?.customer as Stripe.Customer).object, 'customer');
    await assert.rejects(fx.stripe.charges.retrieve(chargeId, { expand: ['currency'] }), { statusCode: 400, param: 'expand' });
  });

  void it('refunds part of a charge by charge id, then the rest by payment intent', async () => {
    const { intent, chargeId } = await paid(3000);
    const first = await fx.stripe.refunds.create({ charge: chargeId, amount: 1000, reason: 'requested_by_customer', metadata: { ticket: 'T-9' } });
    assert.match(first.id, /^re_/);
    assert.equal(first.amount, 1000);
    assert.equal(first.charge, chargeId);
    assert.equal(first.payment_intent, intent.id);
    assert.equal(first.status, 'succeeded');
    assert.deepEqual(first.metadata, { ticket: 'T-9' });
    let charge = await fx.stripe.charges.retrieve(chargeId);
    assert.equal(charge.amount_refunded, 1000);
    assert.equal(charge.refunded, false);

    const rest = await fx.stripe.refunds.create({ payment_intent: intent.id });
    assert.equal(rest.amount, 2000);
    charge = await fx.stripe.charges.retrieve(chargeId);
    assert.equal(charge.amount_refunded, 3000);
    assert.equal(charge.refunded, true);

    const refunds = await fx.stripe.refunds.list({ charge: chargeId });
    assert.deepEqual(refunds.data.map((refund) => refund.id), [rest.id, first.id]);
    const [refunded] = (await fx.stripe.events.list({ type: 'charge.refunded', limit: 1 })).data;
    assert.deepEqual(refunded?.data.previous_attributes, { amount_refunded: 1000, refunded: false });
  });

  void it('refuses a refund larger than what is left with amount_too_large', async () => {
    const { chargeId } = await paid(2000);
    await fx.stripe.refunds.create({ charge: chargeId, amount: 1500 });
    await assert.rejects(fx.stripe.refunds.create({ charge: chargeId, amount: 600 }), (error: unknown) => {
      assert.ok(error instanceof Stripe.errors.StripeInvalidRequestError);
      assert.equal(error.statusCode, 400);
      assert.equal(error.code, 'amount_too_large');
      assert.equal(error.param, 'amount');
      assert.equal(error.message, 'Refund amount ($6.00) is greater than unrefunded amount on charge ($5.00)');
      return true;
    });
  });

  void it('refuses to refund a fully refunded charge with charge_already_refunded', async () => {
    const { chargeId } = await paid(700);
    await fx.stripe.refunds.create({ charge: chargeId });
    await assert.rejects(fx.stripe.refunds.create({ charge: chargeId, amount: 100 }), (error: unknown) => {
      assert.ok(error instanceof Stripe.errors.StripeInvalidRequestError);
      assert.equal(error.type, 'StripeInvalidRequestError');
      assert.equal(error.code, 'charge_already_refunded');
      assert.equal(error.statusCode, 400);
      assert.match(error.requestId ?? '', /^req_/);
      assert.match(error.doc_url ?? '', /charge-already-refunded$/);
      return true;
    });
  });

  void it('answers an unknown charge with 404 resource_missing on param charge', async () => {
    await assert.rejects(fx.stripe.refunds.create({ charge: 'ch_nope' }), { statusCode: 404, code: 'resource_missing', param: 'charge' });
  });

  void it('lists payment intents by customer', async () => {
    const { intent } = await paid(100);
    const listed = await fx.stripe.paymentIntents.list({ customer: intent.customer as string });
    assert.deepEqual(listed.data.map((item) => item.id), [intent.id]);
  });

  void it('keeps amounts after success but lets metadata change', async () => {
    const { intent } = await paid(100);
    const updated = await fx.stripe.paymentIntents.update(intent.id, { metadata: { note: 'gift' } });
    assert.deepEqual(updated.metadata, { order: 'A-1', note: 'gift' });
    await assert.rejects(fx.stripe.paymentIntents.update(intent.id, { amount: 200 }), { code: 'payment_intent_unexpected_state' });
  });
});
