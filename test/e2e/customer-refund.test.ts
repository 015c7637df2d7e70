import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import Stripe from 'stripe';
import { ManualClock } from '../../src/core/clock.ts';
import { submitRequest } from '../../src/application/submit-request.ts';
import { decideApproval } from '../../src/approvals/decide-approval.ts';
import type { RunRecord } from '../../src/store/records.ts';
import { startStripeStack, type StripeStack } from '../support/stripe-stack.ts';
import { startWebhookReceiver } from '../support/webhook-receiver.ts';
import { waitForRun } from '../support/wait-for-run.ts';
import { pollUntil } from '../support/poll-until.ts';

const SECRET = 'whsec_' + Buffer.from('notifications-test-secret').toString('base64');
const example = (name: string) => readFileSync(new URL(`../../examples/${name}.yaml`, import.meta.url), 'utf8');

void describe('the customer-refund process, through the Stripe sandbox and a webhook receiver', () => {
  let stack: StripeStack;
  let stripe: Stripe;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  const clock = new ManualClock(new Date());

  before(async () => {
    receiver = await startWebhookReceiver(SECRET, { refuse: (body) => body.to === 'bounce@example.com' });
    stack = await startStripeStack({ clock, env: { NOTIFY_WEBHOOK_URL: receiver.url, NOTIFY_WEBHOOK_SECRET: SECRET } });
    const url = new URL(stack.sandbox.url);
    stripe = new Stripe('sk_test_refunds', { host: url.hostname, port: Number(url.port), protocol: 'http', maxNetworkRetries: 0 });
    await stack.apply(['customer-refund', 'customer-refund-by-reason', 'customer-refund-csat', 'customer-refund-credit-note'].map(example).join('\n---\n'));
  });
  after(async () => {
    await stack.close();
    await receiver.close();
  });

  const chargeOf = async (amount: number) => (await stripe.paymentIntents.create({ amount, currency: 'usd', confirm: true, payment_method: 'pm_card_visa' })).latest_charge as string;
  const submit = async (offering: string, values: Record<string, unknown>) => (await submitRequest(stack.system.app, { offering, values, requester: 'requester@example.com' })).run;
  const waitFor = (run: RunRecord, untilStatus?: 'waiting'): Promise<RunRecord> => {
    // The manual clock moves timers: wake the worker so it looks at the queue again.
    stack.system.worker.wake();
    return waitForRun(stack.system.store, run.id, untilStatus ? { untilStatus } : {});
  };
  const pendingTask = async (run: RunRecord) => {
    await waitFor(run, 'waiting');
    const tasks = await stack.system.approvals.list({ runId: run.id, status: 'pending', limit: 5 });
    assert.equal(tasks.length, 1, 'one pending approval task');
    return tasks[0]!;
  };
  const decide = (taskId: string, by: string, decision: 'approved' | 'rejected', comment?: string) =>
    decideApproval({ approvals: stack.system.approvals, store: stack.system.store, clock, wakeWorker: () => stack.system.worker.wake() }, { taskId, by, decision, comment });
  const messagesTo = (email: string) => receiver.received.filter((message) => message.body.to === email);
  const form = (email: string, charge: string, amount: number, reason = 'Customer request') => ({ customerEmail: email, chargeIdToRefund: charge, refundAmount: amount, reason, notes: 'Billed twice' });

  void it('50 USD: CSM approves, Finance is skipped, 5000 cents refunded, the confirmation carries the refund id', async () => {
    const charge = await chargeOf(10_000);
    const run = await submit('refund-request', form('ann@example.com', charge, 50));
    const csm = await pendingTask(run);
    assert.equal(csm.assigneeTeam, 'csm');
    await decide(csm.id, 'casey@example.com', 'approved');
    const finished = await waitFor(run);
    assert.equal(finished.outcome, 'Refunded', JSON.stringify(finished.error));
    const refunds = (await stripe.refunds.list({ charge })).data;
    assert.deepEqual(refunds.map((refund) => refund.amount), [5000]);
    assert.equal((await stack.system.approvals.list({ runId: run.id, limit: 10 })).length, 1, 'no Finance task');
    const [confirmation] = messagesTo('ann@example.com');
    assert.ok(confirmation?.verified, 'the webhook is signed');
    assert.match(confirmation.body.body ?? '', new RegExp(`Stripe ID: ${refunds[0]!.id}`));
    assert.match(confirmation.body.body ?? '', /\$50\.00/);
    const request = await stack.system.app.requests.require(finished.requestId ?? '');
    assert.deepEqual({ status: request.status, outcome: request.outcome }, { status: 'completed', outcome: 'Refunded' });
  });

  void it('1,500 USD: CSM and Finance approve, then the refund', async () => {
    const charge = await chargeOf(200_000);
    const run = await submit('refund-request', form('bob@example.com', charge, 1500));
    await decide((await pendingTask(run)).id, 'casey@example.com', 'approved');
    const finance = await pendingTask(run);
    assert.equal(finance.assigneeTeam, 'finance');
    await decide(finance.id, 'fran@example.com', 'approved', 'ok');
    assert.equal((await waitFor(run)).outcome, 'Refunded');
    assert.deepEqual((await stripe.refunds.list({ charge })).data.map((refund) => refund.amount), [150_000]);
  });

  void it('CSM rejects: the denial cites the reason, no refund', async () => {
    const charge = await chargeOf(10_000);
    const run = await submit('refund-request', form('cy@example.com', charge, 80));
    await decide((await pendingTask(run)).id, 'casey@example.com', 'rejected', 'Refund window expired');
    assert.equal((await waitFor(run)).outcome, 'Denied');
    assert.equal((await stripe.refunds.list({ charge })).data.length, 0);
    assert.equal(messagesTo('cy@example.com')[0]?.body.body, 'Reason: Refund window expired');
    const request = await stack.system.app.requests.require(run.requestId ?? '');
    assert.deepEqual({ status: request.status, outcome: request.outcome }, { status: 'rejected', outcome: 'Denied' });
  });

  void it('the refund goes through but the confirmation fails: the request is failed, never rejected', async () => {
    const charge = await chargeOf(10_000);
    const run = await submit('refund-request', form('bounce@example.com', charge, 40));
    await decide((await pendingTask(run)).id, 'casey@example.com', 'approved');
    const finished = await waitFor(run);
    assert.deepEqual({ status: finished.status, failedStep: finished.failedStep }, { status: 'failed', failedStep: 'send_confirmation' });
    assert.deepEqual((await stripe.refunds.list({ charge })).data.map((refund) => refund.amount), [4000], 'the refund went through');
    const request = await stack.system.app.requests.require(run.requestId ?? '');
    assert.deepEqual({ status: request.status, outcome: request.outcome }, { status: 'failed', outcome: null });
  });

  void it("a charge already refunded: Stripe's error reaches the denial", async () => {
    const charge = await chargeOf(10_000);
    await stripe.refunds.create({ charge });
    const run = await submit('refund-request', form('dee@example.com', charge, 20));
    await decide((await pendingTask(run)).id, 'casey@example.com', 'approved');
    const finished = await waitFor(run);
    assert.equal(finished.outcome, 'Denied');
    assert.equal((finished.variables.error as { code: string }).code, 'charge_already_refunded');
    const request = await stack.system.app.requests.require(run.requestId ?? '');
    assert.equal(request.status, 'completed', 'no approval said no: the run ended at Denied on the refund error');
    assert.match(messagesTo('dee@example.com')[0]?.body.body ?? '', /^We could not process your refund: .*already been refunded/);
    assert.equal((await stripe.refunds.list({ charge })).data.length, 1, 'only the earlier refund');
  });

  void it('route by reason: Goodwill always needs Finance, Service issue goes to a CSM manager', async () => {
    const goodwill = await submit('refund-request-by-reason', form('eve@example.com', await chargeOf(5_000), 20, 'Goodwill'));
    await decide((await pendingTask(goodwill)).id, 'casey@example.com', 'approved');
    const finance = await pendingTask(goodwill);
    assert.equal(finance.assigneeTeam, 'finance', 'Goodwill needs Finance even under 500 USD');
    await decide(finance.id, 'fran@example.com', 'approved');
    assert.equal((await waitFor(goodwill)).outcome, 'Refunded');

    const service = await submit('refund-request-by-reason', form('fay@example.com', await chargeOf(5_000), 20, 'Service issue'));
    await decide((await pendingTask(service)).id, 'casey@example.com', 'approved');
    const manager = await pendingTask(service);
    assert.equal(manager.assigneeTeam, 'csm-managers');
    await decide(manager.id, 'mia@example.com', 'rejected', 'Not a service issue');
    assert.equal((await waitFor(service)).outcome, 'Denied');
    assert.equal(messagesTo('fay@example.com')[0]?.body.body, 'Reason: Not a service issue');
  });

  void it('a CSAT message 7 days after the refund, on a durable timer', async () => {
    const run = await submit('refund-request-csat', { customerEmail: 'gus@example.com', chargeIdToRefund: await chargeOf(5_000), refundAmount: 30, reason: 'Other' });
    await decide((await pendingTask(run)).id, 'casey@example.com', 'approved');
    await waitFor(run, 'waiting');
    await pollUntil(() => Promise.resolve(messagesTo('gus@example.com').length), (count) => count > 0, { what: 'the confirmation reached the receiver' });
    assert.deepEqual(messagesTo('gus@example.com').map((message) => message.body.subject), ['Your refund has been processed']);
    clock.advance(6 * 86_400_000);
    // The worker looks at the queue after the clock moved and finds nothing due yet.
    await stack.settle();
    assert.equal((await stack.system.store.getRun(run.id))?.status, 'waiting', 'not before 7 days');
    clock.advance(86_400_000);
    assert.equal((await waitFor(run)).outcome, 'Refunded');
    assert.deepEqual(messagesTo('gus@example.com').map((message) => message.body.subject), ['Your refund has been processed', 'How did we do?']);
  });

  void it('a credit note instead of a refund under 50 USD', async () => {
    const invoice = stack.sandbox.trigger('invoice.paid', { amount: 6_000, currency: 'usd' });
    const invoiceObject = invoice.data.object as unknown as { id: string; charge: string | null; payment_intent: string | null };
    const charge = invoiceObject.charge ?? invoiceObject.payment_intent ?? (await chargeOf(6_000));
    const run = await submit('refund-request-credit-note', { customerEmail: 'hal@example.com', chargeIdToRefund: charge, invoiceId: invoiceObject.id, refundAmount: 25, reason: 'Service issue' });
    await decide((await pendingTask(run)).id, 'casey@example.com', 'approved');
    const finished = await waitFor(run);
    assert.equal(finished.outcome, 'Credited', JSON.stringify(finished.error));
    const notes = (await stripe.creditNotes.list({ invoice: invoiceObject.id })).data;
    assert.deepEqual(notes.map((note) => note.amount), [2500]);
    assert.match(messagesTo('hal@example.com')[0]?.body.body ?? '', /credited \$25\.00/);
  });
});
