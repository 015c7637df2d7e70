import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import Stripe from 'stripe';
import { useTemplate } from '../../src/application/templates.ts';
import { startStripeStack, type StripeStack } from '../support/stripe-stack.ts';

void describe('the dispute-evidence template, end to end through the sandbox', () => {
  let stack: StripeStack;
  let stripe: Stripe;
  before(async () => {
    stack = await startStripeStack();
    const url = new URL(stack.sandbox.url);
    stripe = new Stripe('sk_test_disputes', { host: url.hostname, port: Number(url.port), protocol: 'http', maxNetworkRetries: 0 });
    await useTemplate(stack.system.app, { templateId: 'dispute-evidence', activate: true });
  });
  after(() => stack.close());

  void it('a new dispute gets the charge\'s evidence staged, not submitted, and the team an email with the due date', async () => {
    const customer = await stripe.customers.create({ email: 'jenny.rosen@example.com', name: 'Jenny Rosen' });
    const event = stack.sandbox.trigger('charge.dispute.created', { amount: 12_500, currency: 'usd', customer: customer.id });
    const opened = event.data.object as unknown as Stripe.Dispute;
    await stack.settle();

    const [run] = (await stack.system.store.listRuns({ workflowId: 'dispute-evidence', limit: 5 })).runs;
    assert.ok(run, 'the dispute started a run');
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error));
    assert.equal(run.outcome, 'EvidenceStaged');

    const dispute = await stripe.disputes.retrieve(opened.id);
    assert.equal(dispute.status, 'needs_response', 'not submitted: a person submits');
    assert.equal(dispute.evidence_details.submission_count, 0);
    assert.equal(dispute.evidence_details.has_evidence, true);
    assert.equal(dispute.evidence.customer_email_address, 'jenny.rosen@example.com');
    assert.equal(dispute.evidence.customer_name, 'Jenny Rosen');
    assert.equal(dispute.evidence.product_description, 'TOLLGATE SANDBOX', 'the charge\'s statement descriptor when it has no description');
    assert.equal(dispute.metadata.tollgate_run, run.id);
    const updates = stack.sandbox.requests.filter((request) => request.method === 'POST' && request.path === `/v1/disputes/${opened.id}`);
    assert.deepEqual(updates.map((request) => [request.idempotencyKey, request.params.submit]), [[`tg:${run.id}:evidence`, 'false']]);

    const mails = (await stack.system.app.outbox.list({ limit: 20 })).items.filter((mail) => mail.to.some((to) => to.includes('pat@example.com')));
    assert.equal(mails.length, 1);
    const due = new Date((opened.evidence_details.due_by ?? 0) * 1000).toISOString().slice(0, 16).replace('T', ' ');
    assert.equal(mails[0]?.subject, `Dispute on $125.00: evidence due ${due} UTC`);
    assert.match(mails[0]?.text ?? '', new RegExp(`Dispute: ${opened.id}`));
    assert.match(mails[0]?.text ?? '', /Customer email \(staged\): jenny\.rosen@example\.com/);
    assert.match(mails[0]?.text ?? '', /it is not submitted/);
  });
});
