import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import Stripe from 'stripe';
import { invokeWorkflow } from '../../src/application/run-admin.ts';
import { decideApproval } from '../../src/approvals/decide-approval.ts';
import { systemClock } from '../../src/core/clock.ts';
import type { RunRecord } from '../../src/store/records.ts';
import { startStripeStack, type StripeStack } from '../support/stripe-stack.ts';
import { waitForRun } from '../support/wait-for-run.ts';
import type { RunStatus } from '../../src/core/statuses.ts';

void describe('loops: send back for changes, foreach over a paginated Stripe list', () => {
  let stack: StripeStack;
  before(async () => {
    stack = await startStripeStack();
    await stack.apply(`
kind: Team
id: reviewers
members: [{ email: rita@example.com }]
---
kind: Team
id: approvers
members: [{ email: abe@example.com }]
`);
  });
  after(() => stack.close());

  const waitFor = (run: RunRecord, untilStatus: RunStatus) => waitForRun(stack.system.store, run.id, { untilStatus });
  const pending = async (run: RunRecord) => {
    await waitFor(run, 'waiting');
    const [task] = await stack.system.approvals.list({ runId: run.id, status: 'pending', limit: 1 });
    assert.ok(task);
    return task;
  };
  const decide = (taskId: string, by: string, decision: 'approved' | 'rejected', comment?: string) =>
    decideApproval({ approvals: stack.system.approvals, store: stack.system.store, clock: systemClock, wakeWorker: () => stack.system.worker.wake() }, { taskId, by, decision, comment });

  void it('an approval sends the request back to an earlier step, which runs again as a new visit', async () => {
    await stack.apply(`
kind: Workflow
id: send-back
trigger: { type: manual }
steps:
  - id: draft
    type: set
    values: { drafted: true }
  - id: review
    type: approval
    assignee: { team: reviewers }
    on: { approved: sign_off, rejected: draft }
  - id: sign_off
    type: approval
    assignee: { team: approvers }
    require_comment_on_reject: true
    on: { approved: done, rejected: review }
  - { id: done, type: end, outcome: Signed }
`);
    const run = await invokeWorkflow(stack.system.app, { workflowId: 'send-back', input: {} });
    const firstReview = await pending(run);
    await decide(firstReview.id, 'rita@example.com', 'approved');
    const firstSignOff = await pending(run);
    await decide(firstSignOff.id, 'abe@example.com', 'rejected', 'Please attach the invoice');
    const secondReview = await pending(run);
    assert.notEqual(secondReview.id, firstReview.id, 'the second visit opens a new task');
    assert.equal(secondReview.visit, 2);
    await decide(secondReview.id, 'rita@example.com', 'approved');
    await decide((await pending(run)).id, 'abe@example.com', 'approved');
    const finished = await waitFor(run, 'succeeded');
    assert.equal(finished.outcome, 'Signed');
    const attempts = await stack.system.store.listAttempts(run.id);
    assert.deepEqual(
      attempts.filter((attempt) => attempt.stepId === 'review').map((attempt) => [attempt.visit, attempt.status]),
      [[1, 'succeeded'], [2, 'succeeded']],
    );
  });

  void it('foreach runs over every charge of a customer, across Stripe pages', async () => {
    const url = new URL(stack.sandbox.url);
    const stripe = new Stripe('sk_test_loops', { host: url.hostname, port: Number(url.port), protocol: 'http' });
    const customer = await stripe.customers.create({ email: 'many@example.com' });
    for (let i = 1; i <= 12; i += 1) {
      await stripe.paymentIntents.create({ amount: i * 100, currency: 'usd', customer: customer.id, confirm: true, payment_method: 'pm_card_visa' });
    }
    await stack.apply(`
kind: Workflow
id: tag-charges
trigger: { type: manual, input: [{ key: customer, type: text, required: true }] }
steps:
  - id: charges
    type: action
    uses: stripe.charges.list
    with: { customer: "{{ customer }}", limit: 5, auto_paginate: true }
  - id: each_charge
    type: foreach
    items: charges.data
    as: charge
    concurrency: 4
    steps:
      - id: amount
        type: set
        values: { seen: "{{ charge.amount }}" }
  - id: total
    type: set
    values: { total: "{{ $sum(each_charge.seen) }}", count: "{{ $count(each_charge) }}" }
`);
    const run = await invokeWorkflow(stack.system.app, { workflowId: 'tag-charges', input: { customer: customer.id } });
    const finished = await waitFor(run, 'succeeded');
    assert.equal(finished.variables.count, 12);
    assert.equal(finished.variables.total, 7800);
  });
});
