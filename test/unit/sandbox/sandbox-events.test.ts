import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type Stripe from 'stripe';
import { ManualClock } from '../../../src/core/clock.ts';
import { startSandbox, type SandboxFixture } from './sandbox-fixture.ts';

void describe('Stripe sandbox: events, invoices and credit notes', () => {
  let fx: SandboxFixture;
  const clock = new ManualClock(new Date('2026-05-01T00:00:00Z'));
  before(async () => {
    fx = await startSandbox({ clock });
  });
  after(() => fx.close());

  void it('lists events newest first, filtered by type, wildcard, types[] and created', async () => {
    const start = Math.floor(clock.now().getTime() / 1000);
    const customer = await fx.stripe.customers.create({ email: 'events@example.com' });
    clock.advance(60_000);
    await fx.stripe.customers.update(customer.id, { name: 'Events' });
    const intent = await fx.stripe.paymentIntents.create({ amount: 100, currency: 'usd', customer: customer.id, confirm: true, payment_method: 'pm_card_visa' });

    const customers = await fx.stripe.events.list({ type: 'customer.*' });
    assert.deepEqual(customers.data.map((e) => e.type), ['customer.updated', 'customer.created']);
    const some = await fx.stripe.events.list({ types: ['charge.succeeded', 'customer.created'] });
    assert.deepEqual(some.data.map((e) => e.type), ['charge.succeeded', 'customer.created']);
    const later = await fx.stripe.events.list({ created: { gt: start } });
    assert.deepEqual(later.data.map((e) => e.type), ['payment_intent.succeeded', 'charge.succeeded', 'payment_intent.created', 'customer.updated']);

    const all = await fx.stripe.events.list({ limit: 2 });
    assert.equal(all.has_more, true);
    const next = await fx.stripe.events.list({ limit: 2, starting_after: all.data[1]?.id });
    assert.deepEqual(next.data.map((e) => e.type), ['payment_intent.created', 'customer.updated']);
    const [succeeded] = all.data;
    assert.equal((succeeded?.data.object as Stripe.PaymentIntent).id, intent.id);
    assert.match(succeeded?.request?.idempotency_key ?? '', /^stripe-node-retry-/);

    const middle = await fx.stripe.events.list({ type: 'pay*.*ed' });
    assert.deepEqual(middle.data.map((e) => e.type), ['payment_intent.succeeded', 'payment_intent.created']);
    // Many wildcards and no match: a backtracking RegExp would take polynomial time here.
    const none = await fx.stripe.events.list({ type: `${'*'.repeat(40)}x` });
    assert.deepEqual(none.data, []);
  });

  void it('creates a draft invoice over the API and credits a paid one with a refund', async () => {
    const customer = await fx.stripe.customers.create({ email: 'invoice@example.com' });
    const draft = await fx.stripe.invoices.create({ customer: customer.id });
    assert.equal(draft.status, 'draft');
    await assert.rejects(fx.stripe.creditNotes.create({ invoice: draft.id, amount: 100 }), { statusCode: 400, param: 'invoice' });

    const paid = fx.sandbox.trigger('invoice.paid', { customer: customer.id, amount: 4000 });
    const invoiceId = paid.data.object.id;
    const note = await fx.stripe.creditNotes.create({ invoice: invoiceId, amount: 1500, refund_amount: 1500, reason: 'product_unsatisfactory', memo: 'Sorry' });
    assert.equal(note.amount, 1500);
    assert.equal(note.memo, 'Sorry');
    assert.equal(note.refunds.length, 1);
    const refund = await fx.stripe.refunds.retrieve(note.refunds[0]?.refund as string);
    assert.equal(refund.amount, 1500);

    await assert.rejects(fx.stripe.creditNotes.create({ invoice: invoiceId, amount: 3000, credit_amount: 3000 }), { code: 'amount_too_large' });
    await assert.rejects(fx.stripe.creditNotes.create({ invoice: invoiceId, amount: 500 }), { statusCode: 400, param: 'refund_amount' });
    const listed = await fx.stripe.creditNotes.list({ invoice: invoiceId });
    assert.deepEqual(listed.data.map((n) => n.id), [note.id]);
    assert.deepEqual((await fx.stripe.subscriptions.list()).data, []);
  });
});
