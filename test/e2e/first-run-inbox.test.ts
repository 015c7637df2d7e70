import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import Stripe from 'stripe';
import { systemClock } from '../../src/core/clock.ts';
import { decideApproval } from '../../src/approvals/decide-approval.ts';
import { bootstrapFirstAdmin } from '../../src/identity/first-admin.ts';
import { startStripeStack, type StripeStack } from '../support/stripe-stack.ts';
import { waitForRun } from '../support/wait-for-run.ts';

const example = readFileSync(new URL('../../examples/customer-refund.yaml', import.meta.url), 'utf8');

interface InboxMessage {
  id: string;
  webhook_id: string;
  connector: string;
  run: string;
  workflow: string | null;
  step_path: string;
  body: { to: string; subject: string; body: string };
  reason: string;
}

// The first run: no NOTIFY_WEBHOOK_URL nor NOTIFY_WEBHOOK_SECRET, the first admin submits.
void describe('the customer-refund example on a fresh start without NOTIFY_*', () => {
  let stack: StripeStack;
  let stripe: Stripe;
  let apiKey = '';
  const api = async <T>(method: 'GET' | 'POST', url: string, payload?: object) => {
    const response = await stack.server.inject({ method, url, headers: { authorization: `Bearer ${apiKey}` }, ...(payload === undefined ? {} : { payload }) });
    return { status: response.statusCode, body: JSON.parse(response.body) as T, text: response.body };
  };

  before(async () => {
    stack = await startStripeStack({ env: {} });
    const admin = await bootstrapFirstAdmin(stack.system.app.identity);
    assert.ok(admin);
    apiKey = admin.apiKey;
    const url = new URL(stack.sandbox.url);
    stripe = new Stripe('sk_test_first_run', { host: url.hostname, port: Number(url.port), protocol: 'http', maxNetworkRetries: 0 });
    await stack.apply(example);
  });
  after(() => stack.close());

  void it('ends Refunded with the confirmation kept in the webhook inbox, listed by the API', async () => {
    const intent = await stripe.paymentIntents.create({ amount: 10_000, currency: 'usd', confirm: true, payment_method: 'pm_card_visa' });
    const values = { customerEmail: 'ann@example.com', chargeIdToRefund: intent.id, refundAmount: 50, reason: 'Customer request', notes: 'Billed twice' };
    const submitted = await api<{ request: { id: string; requester: string }; run: { id: string } }>('POST', '/api/v1/catalog/offerings/refund-request/requests', { values });
    assert.equal(submitted.status, 201, submitted.text);
    assert.equal(submitted.body.request.requester, 'admin@localhost');
    const runId = submitted.body.run.id;

    await waitForRun(stack.system.store, runId, { untilStatus: 'waiting' });
    const [task] = await stack.system.approvals.list({ runId, status: 'pending', limit: 5 });
    assert.ok(task);
    await decideApproval({ approvals: stack.system.approvals, store: stack.system.store, clock: systemClock, wakeWorker: () => stack.system.worker.wake() }, { taskId: task.id, by: 'casey@example.com', decision: 'approved' });
    const finished = await waitForRun(stack.system.store, runId);
    assert.equal(finished.outcome, 'Refunded', JSON.stringify(finished.error));
    assert.deepEqual((await stripe.refunds.list({ payment_intent: intent.id })).data.map((refund) => refund.amount), [5000]);

    const request = await api<{ request: { status: string; outcome: string } }>('GET', `/api/v1/requests/${submitted.body.request.id}`);
    assert.deepEqual({ status: request.body.request.status, outcome: request.body.request.outcome }, { status: 'completed', outcome: 'Refunded' });

    const inbox = await api<{ messages: InboxMessage[] }>('GET', `/api/v1/webhook-inbox?run=${runId}`);
    assert.equal(inbox.status, 200, inbox.text);
    assert.deepEqual(
      inbox.body.messages.map((message) => [message.connector, message.workflow, message.step_path, message.webhook_id, message.body.to, message.body.subject, message.reason]),
      [['notifications', 'customer-refund', 'send_confirmation', `tg:${runId}:send_confirmation`, 'ann@example.com', 'Your refund has been processed', 'NOTIFY_WEBHOOK_URL is not set']],
    );
    const [message] = inbox.body.messages;
    const shown = await api<{ message: InboxMessage }>('GET', `/api/v1/webhook-inbox/${message!.id}`);
    assert.match(shown.body.message.body.body, /\$50\.00/);
    assert.equal(shown.body.message.workflow, 'customer-refund', 'a message names the workflow of its run');
    assert.equal((await api('GET', '/api/v1/webhook-inbox/hook_nope')).status, 404);
  });
});
