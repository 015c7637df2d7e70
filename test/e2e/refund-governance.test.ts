import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import Stripe from 'stripe';
import { invokeWorkflow, retryRun } from '../../src/application/run-admin.ts';
import { applyDefinitions } from '../../src/application/apply-definitions.ts';
import { approvalEmails } from '../../src/application/approval-emails.ts';
import { approvalReview } from '../../src/application/approval-review.ts';
import { exportDefinitions } from '../../src/application/export-definitions.ts';
import { decideApproval } from '../../src/approvals/decide-approval.ts';
import { outcomeCheckTaskId } from '../../src/engine/money/outcome-check.ts';
import { inspectDatabase } from '../../src/store/inspect.ts';
import { systemClock } from '../../src/core/clock.ts';
import { parseDocuments } from '../../src/definition/parse-documents.ts';
import type { RunRecord } from '../../src/store/records.ts';
import { startStripeStack, type StripeStack } from '../support/stripe-stack.ts';
import { waitForRun } from '../support/wait-for-run.ts';

const refundWorkflow = (id: string, extra = '', timeout = '') => `
kind: Workflow
id: ${id}
trigger: { type: manual, input: [{ key: charge, type: text, required: true }, { key: amount, type: number, required: true }] }
steps:${extra}
  - id: refund
    type: action
    uses: stripe.refunds.create
    with: { charge: "{{ charge }}", amount: "{{ amount }}" }
    retry: { attempts: 5, backoff: 100ms, max_delay: 200ms }${timeout}
`;

const DEFINITIONS = [
  refundWorkflow('refund-a'),
  refundWorkflow('refund-b'),
  // A short timeout: the attempt whose answer never comes ends soon.
  refundWorkflow('refund-lost', '', '\n    timeout: 3s'),
  // One attempt only: a lost answer fails the run, and a person retries it.
  refundWorkflow('refund-once').replace('retry: { attempts: 5, backoff: 100ms, max_delay: 200ms }', 'retry: { attempts: 1 }'),
  refundWorkflow('refund-approved', `
  - id: finance
    type: approval
    assignee: { team: finance }
    on: { approved: refund }`),
  // A lost answer, then a person checks in Stripe: the policy names who.
  refundWorkflow('refund-checked', '').replace('retry: { attempts: 5, backoff: 100ms, max_delay: 200ms }', 'retry: { attempts: 1 }') + 'policy: { refunds: { unknown_outcome_team: checkers } }\n',
  `kind: Team
id: finance
members: [{ email: fran@example.com }]`,
  `kind: Team
id: checkers
members: [{ email: cora@example.com }]`,
  `kind: Policy
id: caps
title: Refund caps
refunds:
  limits:
    - { per: customer, period: 1d, max: 2000, currency: usd }`,
].join('\n---\n');

void describe('refund governance: pre-flight, the reservation ledger, caps, outcome unknown', () => {
  let stack: StripeStack;
  let stripe: Stripe;

  before(async () => {
    stack = await startStripeStack();
    const url = new URL(stack.sandbox.url);
    stripe = new Stripe('sk_test_governance', { host: url.hostname, port: Number(url.port), protocol: 'http', maxNetworkRetries: 0 });
    await stack.apply(DEFINITIONS);
  });
  after(async () => {
    await stack.close();
  });

  const chargeOf = async (amount: number, customer?: string) =>
    (await stripe.paymentIntents.create({ amount, currency: 'usd', confirm: true, payment_method: 'pm_card_visa', ...(customer === undefined ? {} : { customer }) })).latest_charge as string;
  const start = (workflowId: string, charge: string, amount: number) => invokeWorkflow(stack.system.app, { workflowId, input: { charge, amount } });
  const finish = (run: RunRecord) => {
    stack.system.worker.wake();
    return waitForRun(stack.system.store, run.id);
  };
  const refundsOf = async (charge: string) => (await stripe.refunds.list({ charge, limit: 100 })).data;

  void it('a Policy applies once, is unchanged when applied again, and is exported', async () => {
    const again = await applyDefinitions(stack.system.app, parseDocuments(DEFINITIONS));
    assert.deepEqual(again.results.find((result) => result.kind === 'Policy'), { kind: 'Policy', id: 'caps', action: 'unchanged' });
    const exported = (await exportDefinitions(stack.system.app)).find((document) => document.kind === 'Policy');
    assert.deepEqual(exported, { kind: 'Policy', id: 'caps', title: 'Refund caps', refunds: { limits: [{ per: 'customer', period: '1d', max: 2000, currency: 'usd' }] } });
  });

  void it('ten runs refunding 150 USD each of one 1,000 USD charge at once: six succeed, four are refused, the charge is never overdrawn', async () => {
    const charge = await chargeOf(100_000);
    const runs = await Promise.all(Array.from({ length: 10 }, () => start('refund-a', charge, 15_000)));
    const finished = await Promise.all(runs.map(finish));
    const succeeded = finished.filter((run) => run.status === 'succeeded');
    const refused = finished.filter((run) => run.status === 'failed');
    assert.equal(succeeded.length, 6, JSON.stringify(refused.map((run) => run.error)));
    assert.equal(refused.length, 4);
    for (const run of refused) assert.equal(run.error?.code, 'refund_exceeds_refundable', run.error?.message);
    const refunded = (await refundsOf(charge)).reduce((sum, refund) => sum + refund.amount, 0);
    assert.equal(refunded, 90_000);
    assert.ok((await stripe.charges.retrieve(charge)).amount_refunded <= 100_000);
  });

  void it('a disputed charge is refused with charge_disputed, and nothing is refunded', async () => {
    const dispute = stack.sandbox.trigger('charge.dispute.created', { amount: 5000, currency: 'usd' });
    const charge = (dispute.data.object as unknown as { charge: string }).charge;
    const run = await finish(await start('refund-a', charge, 1000));
    assert.equal(run.error?.code, 'charge_disputed', run.error?.message);
    assert.equal((await refundsOf(charge)).length, 0);
  });

  void it('a charge refunded in part already: asking for more than is left is refused with refund_exceeds_refundable', async () => {
    const charge = await chargeOf(10_000);
    await stripe.refunds.create({ charge, amount: 8000 });
    const run = await finish(await start('refund-a', charge, 5000));
    assert.equal(run.error?.code, 'refund_exceeds_refundable', run.error?.message);
    assert.match(run.error?.message ?? '', /\$20\.00/);
    assert.deepEqual((await refundsOf(charge)).map((refund) => refund.amount), [8000]);
  });

  void it('the charge changed after the approvers saw it: refused with charge_changed_since_approval; unchanged, the refund goes through', async () => {
    const approveAfter = async (charge: string, between: () => Promise<unknown>) => {
      const run = await start('refund-approved', charge, 5000);
      await waitForRun(stack.system.store, run.id, { untilStatus: 'waiting' });
      const [task] = await stack.system.approvals.list({ runId: run.id, status: 'pending', limit: 5 });
      assert.ok(task);
      const review = await approvalReview(stack.system.app, undefined, task.id);
      assert.ok(review.next_actions.length > 0);
      await between();
      await decideApproval({ approvals: stack.system.approvals, store: stack.system.store, clock: systemClock, wakeWorker: () => stack.system.worker.wake() }, { taskId: task.id, by: 'fran@example.com', decision: 'approved' });
      return finish(run);
    };
    const changed = await chargeOf(10_000);
    const refused = await approveAfter(changed, () => stripe.refunds.create({ charge: changed, amount: 10_000 }));
    assert.equal(refused.error?.code, 'charge_changed_since_approval', refused.error?.message);
    assert.equal((await refundsOf(changed)).length, 1, 'only the refund made outside');

    const unchanged = await chargeOf(10_000);
    const done = await approveAfter(unchanged, () => Promise.resolve());
    assert.equal(done.status, 'succeeded', JSON.stringify(done.error));
    assert.deepEqual((await refundsOf(unchanged)).map((refund) => refund.amount), [5000]);
  });

  void it('a per-customer cap counts refunds of every workflow: the second workflow is refused with refund_limit_exceeded', async () => {
    const customer = (await stripe.customers.create({ email: 'capped@example.com' })).id;
    const first = await chargeOf(300_000, customer);
    const second = await chargeOf(300_000, customer);
    assert.equal((await finish(await start('refund-a', first, 150_000))).status, 'succeeded');
    const refused = await finish(await start('refund-b', second, 60_000));
    assert.equal(refused.error?.code, 'refund_limit_exceeded', refused.error?.message);
    assert.match(refused.error?.message ?? '', /2000 usd per customer per 1d would be passed: \$1,500\.00 used, \$600\.00 asked/);
    assert.equal((await refundsOf(second)).length, 0);
    assert.equal((await finish(await start('refund-b', second, 50_000))).status, 'succeeded', 'what is left under the cap still goes');
  });

  void it('an attempt whose answer never came: the retry finds the refund by its metadata and does not refund again', async () => {
    const charge = await chargeOf(10_000);
    stack.sandbox.failNext(1, { kind: 'hang', afterProcessing: true, match: { method: 'POST', path: '/v1/refunds' } });
    const before = stack.sandbox.requests.filter((request) => request.method === 'POST' && request.path === '/v1/refunds').length;
    const run = await finish(await start('refund-lost', charge, 2500));
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error));
    const refunds = await refundsOf(charge);
    assert.equal(refunds.length, 1, 'money moved once');
    assert.equal(refunds[0]?.metadata?.tollgate_run, run.id);
    const posts = stack.sandbox.requests.filter((request) => request.method === 'POST' && request.path === '/v1/refunds').length - before;
    assert.equal(posts, 1, 'the retry looked the refund up instead of calling again');
    const attempts = await stack.system.store.listAttempts(run.id);
    const last = attempts.filter((attempt) => attempt.stepPath === 'refund').at(-1);
    assert.equal((last?.output as { id: string } | undefined)?.id, refunds[0]?.id);
    assert.equal((last?.input as { money?: { via: string } } | undefined)?.money?.via, 'found');
    const [reservation] = await stack.system.store.refundLedger.ofRun(run.id);
    assert.deepEqual({ status: reservation?.status, result: reservation?.resultId }, { status: 'settled', result: refunds[0]?.id });
  });

  void it("a run that failed while a refund's answer was lost, retried by a person: the retry finds the refund under the old key and does not refund again", async () => {
    const charge = await chargeOf(8_000);
    stack.sandbox.failNext(1, { kind: 'status', status: 500, afterProcessing: true, match: { method: 'POST', path: '/v1/refunds' } });
    const posts = () => stack.sandbox.requests.filter((request) => request.method === 'POST' && request.path === '/v1/refunds' && request.params.charge === charge).length;
    const failed = await finish(await start('refund-once', charge, 3000));
    assert.equal(failed.status, 'failed', 'the only attempt lost its answer');
    assert.equal((await refundsOf(charge)).length, 1, 'yet Stripe refunded');
    const [left] = await stack.system.store.refundLedger.ofRun(failed.id);
    assert.equal(left?.status, 'reserved', 'the outcome is unknown: the reservation stays');

    await retryRun(stack.system.app, failed.id);
    const retried = await finish(failed);
    assert.equal(retried.status, 'succeeded', JSON.stringify(retried.error));
    assert.equal((await refundsOf(charge)).length, 1, 'money moved once');
    assert.equal(posts(), 1, 'the retry looked the refund up instead of calling again with its new key');
    const reservations = await stack.system.store.refundLedger.ofRun(failed.id);
    assert.deepEqual(reservations.map((reservation) => reservation.status), ['settled'], 'one reservation, settled with the refund');
  });

  /** A day passes: the reservation is older than Stripe keeps idempotency keys. */
  const ageReservation = (id: string) =>
    inspectDatabase(stack.system.store).updateTable('refund_reservations').set({ created_at: Date.now() - 24 * 3600_000 }).where('id', '=', id).execute();
  const decide = (taskId: string, decision: 'approved' | 'rejected', values?: Record<string, unknown>) =>
    decideApproval({ approvals: stack.system.approvals, store: stack.system.store, clock: systemClock, wakeWorker: () => stack.system.worker.wake() }, { taskId, by: 'cora@example.com', decision, values });
  /** A run whose only refund attempt got a 500 (nothing moved), left a day, then retried: it waits on a check task. */
  const failedAndRetriedADayLater = async (charge: string, amount: number, between: () => Promise<unknown> = () => Promise.resolve()) => {
    stack.sandbox.failNext(1, { kind: 'status', status: 500, match: { method: 'POST', path: '/v1/refunds' } });
    const failed = await finish(await start('refund-checked', charge, amount));
    assert.equal(failed.status, 'failed', 'the only attempt lost its answer');
    const [left] = await stack.system.store.refundLedger.ofRun(failed.id);
    assert.equal(left?.status, 'reserved');
    await between();
    await ageReservation(left.id);
    await retryRun(stack.system.app, failed.id);
    stack.system.worker.wake();
    const waiting = await waitForRun(stack.system.store, failed.id, { untilStatus: 'waiting' });
    const [task] = await stack.system.approvals.list({ runId: failed.id, status: 'pending', limit: 5 });
    assert.ok(task, 'a person is asked');
    const [aged] = await stack.system.store.refundLedger.ofRun(failed.id);
    assert.ok(aged);
    assert.equal(task.id, outcomeCheckTaskId(aged), 'the task asks about this attempt of the reservation');
    assert.deepEqual(task.approvers, ['cora@example.com'], 'the team the policy names');
    assert.match(task.title, /its idempotency key has expired/);
    // Its page lists the email that asked the checkers, under the key the check sent it with.
    const told = await approvalEmails(stack.system.app, undefined, task.id);
    assert.deepEqual(told.map(({ kind, reminder, message }) => [kind, reminder, message.to, message.subject]), [['opened', null, ['cora@example.com'], `Approval needed: ${task.title}`]]);
    return { run: waiting, task, reservation: left };
  };
  const postsFor = (charge: string) => stack.sandbox.requests.filter((request) => request.method === 'POST' && request.path === '/v1/refunds' && request.params.charge === charge).length;

  void it('past the idempotency window with no refund found, the run waits for a person; they name the refund made by hand, and nothing is refunded again', async () => {
    const charge = await chargeOf(9_000);
    let manual = '';
    const { run, task, reservation } = await failedAndRetriedADayLater(charge, 4000, async () => {
      manual = (await stripe.refunds.create({ charge, amount: 4000 })).id;
    });
    assert.equal(postsFor(charge), 1, 'waiting, Tollgate called nothing: the one refund Stripe saw is the one made by hand');
    await assert.rejects(decide(task.id, 'approved', { result_id: 'not an id' }), /form/);
    await decide(task.id, 'approved', { result_id: manual });
    const done = await finish(run);
    assert.equal(done.status, 'succeeded', JSON.stringify(done.error));
    assert.deepEqual((await refundsOf(charge)).map((refund) => refund.id), [manual], 'money moved once, by hand');
    assert.equal(postsFor(charge), 1);
    const [settled] = await stack.system.store.refundLedger.ofRun(run.id);
    assert.deepEqual({ id: settled?.id, status: settled?.status, result: settled?.resultId }, { id: reservation.id, status: 'settled', result: manual });
    const last = (await stack.system.store.listAttempts(run.id)).filter((attempt) => attempt.stepPath === 'refund').at(-1);
    assert.equal((last?.output as { id: string } | undefined)?.id, manual);
  });

  void it('a person who sees nothing was refunded rejects the check: the reservation is released and the refund is made once', async () => {
    const charge = await chargeOf(9_000);
    const { run, task } = await failedAndRetriedADayLater(charge, 3000);
    assert.equal((await refundsOf(charge)).length, 0);
    await decide(task.id, 'rejected');
    const done = await finish(run);
    assert.equal(done.status, 'succeeded', JSON.stringify(done.error));
    assert.deepEqual((await refundsOf(charge)).map((refund) => refund.amount), [3000]);
    assert.equal(postsFor(charge), 1, 'Stripe saw one refund call: the one made after the check (the lost attempt never ran)');
    const reservations = await stack.system.store.refundLedger.ofRun(run.id);
    assert.deepEqual(reservations.map((reservation) => reservation.status), ['settled']);
  });

  void it('a "nothing moved" answer holds for one attempt: when the call made after it loses its answer too, a day later a person is asked again', async () => {
    const charge = await chargeOf(9_000);
    const first = await failedAndRetriedADayLater(charge, 2500);
    stack.sandbox.failNext(1, { kind: 'status', status: 500, match: { method: 'POST', path: '/v1/refunds' } });
    await decide(first.task.id, 'rejected');
    const failedAgain = await finish(first.run);
    assert.equal(failedAgain.status, 'failed', 'the call made after the check lost its answer');
    const [left] = await stack.system.store.refundLedger.ofRun(first.run.id);
    assert.equal(left?.status, 'reserved');
    await ageReservation(left.id);
    await retryRun(stack.system.app, first.run.id);
    stack.system.worker.wake();
    await waitForRun(stack.system.store, first.run.id, { untilStatus: 'waiting' });
    const [again] = await stack.system.approvals.list({ runId: first.run.id, status: 'pending', limit: 5 });
    assert.ok(again, 'asked again, not called on the strength of the earlier answer');
    assert.notEqual(again.id, first.task.id);
    assert.equal(postsFor(charge), 0, 'no refund call reached Stripe');
    await decide(again.id, 'rejected');
    assert.equal((await finish(first.run)).status, 'succeeded');
    assert.deepEqual((await refundsOf(charge)).map((refund) => refund.amount), [2500]);
  });

  void it('a refund named by the checker that is not of the charge settles nothing: the step fails with money_check_unconfirmed', async () => {
    const charge = await chargeOf(9_000);
    const other = await chargeOf(1_000);
    const elsewhere = (await stripe.refunds.create({ charge: other, amount: 500 })).id;
    const { run, task, reservation } = await failedAndRetriedADayLater(charge, 2000);
    await decide(task.id, 'approved', { result_id: elsewhere });
    const done = await finish(run);
    assert.equal(done.error?.code, 'money_check_unconfirmed', done.error?.message);
    assert.equal((await stack.system.store.refundLedger.ofRun(run.id))[0]?.status, 'reserved', 'still unknown: kept');
    assert.equal(reservation.status, 'reserved');
    assert.equal(postsFor(charge), 0, 'no refund call reached Stripe');
  });

  void it('with no team to ask, an outcome that cannot be told fails the step with money_outcome_unknown, naming the policy to set', async () => {
    const charge = await chargeOf(6_000);
    stack.sandbox.failNext(1, { kind: 'status', status: 500, match: { method: 'POST', path: '/v1/refunds' } });
    const failed = await finish(await start('refund-once', charge, 1000));
    const [left] = await stack.system.store.refundLedger.ofRun(failed.id);
    assert.ok(left);
    await ageReservation(left.id);
    await retryRun(stack.system.app, failed.id);
    const again = await finish(failed);
    assert.equal(again.error?.code, 'money_outcome_unknown', again.error?.message);
    assert.match(again.error?.message ?? '', /refunds\.unknown_outcome_team/);
    assert.equal(postsFor(charge), 0, 'not called again blindly');
  });
});
