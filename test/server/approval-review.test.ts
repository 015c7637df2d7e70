import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import Stripe from 'stripe';
import { invokeWorkflow } from '../../src/application/run-admin.ts';
import type { ApprovalTaskBody } from '../../src/server/approval-schemas.ts';
import type { ApprovalChargeBody, ApprovalEmailsBody, ApprovalReviewBody, ChargeBody } from '../../src/server/approval-review-schemas.ts';
import type { ErrorBody, RunBody } from '../../src/server/response-schemas.ts';
import type { RequestBody } from '../../src/server/catalog-schemas.ts';
import { startStripeStack, type StripeStack } from '../support/stripe-stack.ts';
import { waitForRun } from '../support/wait-for-run.ts';
import { bearer, userWithKey } from './identity-fixtures.ts';

const example = readFileSync(new URL('../../examples/customer-refund.yaml', import.meta.url), 'utf8');

/** Steps without titles: people read their ids in words (`sign_off` → `Sign off`). */
const UNTITLED = `kind: Workflow
id: untitled-steps
trigger: { type: manual }
steps:
  - id: route_check
    type: decision
    branches:
      - when: "true"
        next: sign_off
    otherwise: manual_check
  - id: sign_off
    type: approval
    assignee: { team: finance }
    timeout: 3d
    on_timeout: manual_check
    on: { approved: pay_out, rejected: manual_check }
  - { id: pay_out, type: end, outcome: Paid }
  - { id: manual_check, type: end, outcome: Checked }
`;

void describe('what an approver reviews: the request, the run so far, the exact next action, the charge from Stripe', () => {
  let stack: StripeStack;
  let stripe: Stripe;
  const keys: Record<string, string> = {};

  const call = async <T>(method: 'GET' | 'POST', url: string, payload?: object, who = 'admin'): Promise<{ status: number; body: T; text: string }> => {
    const response = await stack.server.inject({ method, url, headers: bearer(keys[who] ?? ''), ...(payload === undefined ? {} : { payload }) });
    return { status: response.statusCode, body: JSON.parse(response.body) as T, text: response.body };
  };
  const chargeOf = async (amount: number) => (await stripe.paymentIntents.create({ amount, currency: 'usd', confirm: true, payment_method: 'pm_card_visa' })).latest_charge as string;
  const pendingTask = async (runId: string): Promise<ApprovalTaskBody> => {
    stack.system.worker.wake();
    await waitForRun(stack.system.store, runId, { untilStatus: 'waiting' });
    const listed = await call<{ approvals: ApprovalTaskBody[] }>('GET', '/api/v1/approvals?status=pending');
    const task = listed.body.approvals.find((candidate) => candidate.run === runId);
    assert.ok(task, 'the run opened an approval task');
    return task;
  };
  const submit = async (charge: string, amount: number): Promise<string> => {
    const values = { customerEmail: 'ann@example.com', chargeIdToRefund: charge, refundAmount: amount, reason: 'Duplicate charge', notes: 'Billed twice in March' };
    const answer = await call<{ request: RequestBody; run: RunBody }>('POST', '/api/v1/catalog/offerings/refund-request/requests', { values }, 'rita');
    assert.equal(answer.status, 201, answer.text);
    return answer.body.run.id;
  };

  before(async () => {
    stack = await startStripeStack();
    const url = new URL(stack.sandbox.url);
    stripe = new Stripe('sk_test_review', { host: url.hostname, port: Number(url.port), protocol: 'http', maxNetworkRetries: 0 });
    await stack.apply(example);
    await stack.apply(UNTITLED);
    const { app } = stack.system;
    keys.admin = (await userWithKey(app, 'admin@example.com', ['admin'])).key;
    keys.casey = (await userWithKey(app, 'casey@example.com', ['approver'])).key;
    keys.fran = (await userWithKey(app, 'fran@example.com', ['approver'])).key;
    keys.rita = (await userWithKey(app, 'rita@example.com', ['requester'])).key;
    keys.otto = (await userWithKey(app, 'otto@example.com', ['requester'])).key;
  });
  after(() => stack.close());

  void it("shows the CSM that an approval leads to Finance, then to 'Refund 1,500.00 USD on ch_…'; Finance sees the refund itself", async () => {
    const charge = await chargeOf(200_000);
    stack.sandbox.clearRequests();
    const runId = await submit(charge, 1500);
    const csm = await pendingTask(runId);
    // Worked out when the task opened, with the currency read from Stripe: the inbox and the email say it.
    assert.deepEqual(csm.leads_to, { step: 'process_refund', summary: `Refund 1,500.00 USD on ${charge}`, target: charge, amount: { minor: 150_000, currency: 'usd' } });
    assert.deepEqual(
      stack.sandbox.requests.map((request) => `${request.method} ${request.path}`),
      [`GET /v1/charges/${charge}`],
      "opening the task reads the charge once, as the task page does, not the refund step's pre-flight (charge and its refunds)",
    );
    const notices = (await stack.system.app.outbox.list({ limit: 200 })).items.filter((mail) => mail.runId === runId);
    assert.deepEqual(
      notices.map((mail) => mail.subject),
      [`Approval needed: CSM Review (Refund 1,500.00 USD on ${charge})`],
    );
    assert.match(notices[0]?.text ?? '', new RegExp(`Approving leads to: Refund 1,500\\.00 USD on ${charge}`));
    // The task page says whether its approvers were told: here the outbox kept it (no smtp connector).
    const told = await call<ApprovalEmailsBody>('GET', `/api/v1/approvals/${csm.id}/emails`, undefined, 'casey');
    assert.equal(told.status, 200, told.text);
    assert.deepEqual(
      told.body.messages.map((mail) => [mail.id, mail.kind, mail.reminder, mail.transport, mail.status, mail.to]),
      [[notices[0]?.id, 'opened', null, 'outbox', 'sent', notices[0]?.to]],
    );

    const review = await call<ApprovalReviewBody>('GET', `/api/v1/approvals/${csm.id}/review`, undefined, 'casey');
    assert.equal(review.status, 200, review.text);
    assert.equal(review.body.approval.id, csm.id);
    assert.equal(review.body.run.id, runId);
    assert.equal(review.body.request?.requester, 'rita@example.com');
    const fields = Object.fromEntries((review.body.request?.fields ?? []).map((field) => [field.key, field]));
    assert.equal(fields.refundAmount?.value, 1500);
    assert.equal(fields.refundAmount?.label, 'Refund Amount (USD)');
    assert.equal(fields.notes?.value, 'Billed twice in March');
    assert.deepEqual(
      review.body.next_actions.map((next) => [next.kind, next.step]),
      [
        ['approval', 'finance_approval'],
        ['action', 'process_refund'],
      ],
    );
    const financeStep = review.body.next_actions[0];
    assert.ok(financeStep?.kind === 'approval');
    assert.deepEqual(financeStep.assignee, { team: 'finance' });
    const refund = review.body.next_actions[1];
    assert.ok(refund?.kind === 'action');
    assert.equal(refund.summary, `Refund 1,500.00 USD on ${charge}`);
    assert.deepEqual(refund.amount, { minor: 150_000, currency: 'usd' });
    assert.equal(refund.target, charge);
    assert.equal(refund.moves_money, true);
    assert.equal(refund.input?.charge, charge);
    assert.ok(review.body.steps.some((step) => step.step === 'csm_review' && step.summary === 'waiting for a decision'), JSON.stringify(review.body.steps));
    assert.equal(review.body.deadline, null, 'the example sets no timeout');

    const details = await call<{ charge: ChargeBody }>('GET', `/api/v1/approvals/${csm.id}/charge`);
    assert.equal(details.status, 200, details.text);
    assert.equal(details.body.charge.id, charge);
    assert.equal(details.body.charge.amount, 200_000);
    assert.equal(details.body.charge.currency, 'usd');
    assert.equal(details.body.charge.amount_refunded, 0);
    assert.equal(details.body.charge.disputed, false);

    const decided = await call('POST', `/api/v1/approvals/${csm.id}/decide`, { decision: 'approved' }, 'casey');
    assert.equal(decided.status, 200, decided.text);
    const finance = await pendingTask(runId);
    assert.equal(finance.leads_to?.summary, `Refund 1,500.00 USD on ${charge}`);
    const financeReview = await call<ApprovalReviewBody>('GET', `/api/v1/approvals/${finance.id}/review`);
    assert.deepEqual(financeReview.body.next_actions.map((next) => (next.kind === 'action' ? next.summary : next.kind)), [`Refund 1,500.00 USD on ${charge}`]);
    const csmStep = financeReview.body.steps.find((step) => step.step === 'csm_review');
    assert.equal(csmStep?.summary, 'approved by casey@example.com');
    assert.ok(financeReview.body.steps.some((step) => step.step === 'threshold_check' && step.summary === 'went to Finance Approval'));

    await call('POST', `/api/v1/approvals/${finance.id}/decide`, { decision: 'approved' }, 'fran');
    stack.system.worker.wake();
    const finished = await waitForRun(stack.system.store, runId);
    assert.equal(finished.outcome, 'Refunded', JSON.stringify(finished.error));
    const refunded = await call<{ charge: ChargeBody }>('GET', `/api/v1/approvals/${finance.id}/charge`);
    assert.equal(refunded.status, 200, refunded.text);
    assert.equal(refunded.body.charge.amount_refunded, 150_000, 'the charge as Stripe has it now');
  });

  void it("asks Stripe whether the charge is disputed or reported as fraud; an approval then moves no money on a disputed charge", async () => {
    const charge = await chargeOf(5_000);
    const runId = await submit(charge, 20);
    const csm = await pendingTask(runId);
    const chargeNow = () => call<ApprovalChargeBody>('GET', `/api/v1/approvals/${csm.id}/charge`, undefined, 'casey');

    stack.sandbox.clearRequests();
    const clean = await chargeNow();
    assert.equal(clean.status, 200, clean.text);
    assert.deepEqual(
      stack.sandbox.requests.map((request) => `${request.method} ${request.path}`),
      [`GET /v1/charges/${charge}`, 'GET /v1/radar/early_fraud_warnings'],
      'the charge is read once, for the currency of the next action and for the answer',
    );
    assert.equal(clean.body.charge.disputed, false);
    assert.deepEqual(clean.body.early_fraud_warnings, []);
    assert.equal(clean.body.early_fraud_warnings_error, null);

    // Reported by the issuer through Stripe only: no event about it reached Tollgate's intake.
    const warned = stack.sandbox.trigger('radar.early_fraud_warning.created', { charge });
    const warning = warned.data.object as { id: string };
    const reported = await chargeNow();
    assert.deepEqual(
      reported.body.early_fraud_warnings?.map((found) => [found.id, found.fraud_type, found.actionable]),
      [[warning.id, 'misc', true]],
    );
    assert.match(String(reported.body.early_fraud_warnings?.[0]?.created), /^\d{4}-\d{2}-\d{2}T/);

    stack.sandbox.trigger('charge.dispute.created', { charge });
    const disputed = await chargeNow();
    assert.equal(disputed.body.charge.disputed, true);
    assert.deepEqual(disputed.body.early_fraud_warnings?.map((found) => found.actionable), [false], 'a dispute settles the warning');

    // Stripe cannot be asked for the warnings: the charge is still shown, with why.
    stack.sandbox.failNext(5, { kind: 'status', status: 500, match: { method: 'GET', path: '/v1/radar/early_fraud_warnings' } });
    const unread = await chargeNow();
    stack.sandbox.clearFaults();
    assert.equal(unread.status, 200, unread.text);
    assert.equal(unread.body.charge.id, charge);
    assert.equal(unread.body.early_fraud_warnings, null);
    assert.match(String(unread.body.early_fraud_warnings_error), /500|Stripe/);

    stack.sandbox.clearRequests();
    assert.equal((await call('POST', `/api/v1/approvals/${csm.id}/decide`, { decision: 'approved' }, 'casey')).status, 200);
    stack.system.worker.wake();
    const finished = await waitForRun(stack.system.store, runId);
    assert.equal(finished.outcome, 'Denied', 'the refund step refused, and the run went on_error to the denial');
    const refundStep = (await stack.system.store.listAttempts(runId)).find((attempt) => attempt.stepId === 'process_refund');
    assert.equal(refundStep?.error?.code, 'charge_disputed');
    assert.deepEqual(stack.sandbox.requests.filter((request) => request.method === 'POST' && request.path === '/v1/refunds'), [], 'no refund was asked of Stripe');
    assert.equal((await stripe.charges.retrieve(charge)).amount_refunded, 0);
  });

  void it('names a step without a title by its id in words: the task, its email, the run so far, the deadline and what approving does', async () => {
    const run = await invokeWorkflow(stack.system.app, { workflowId: 'untitled-steps', input: {} });
    const task = await pendingTask(run.id);
    assert.equal(task.title, 'Sign off');
    const notices = (await stack.system.app.outbox.list({ limit: 200 })).items.filter((mail) => mail.runId === run.id);
    assert.deepEqual(
      notices.map((mail) => mail.subject),
      ['Approval needed: Sign off'],
    );
    const review = await call<ApprovalReviewBody>('GET', `/api/v1/approvals/${task.id}/review`);
    assert.equal(review.status, 200, review.text);
    assert.deepEqual(
      review.body.steps.map((step) => [step.step, step.title, step.summary]),
      [
        ['route_check', 'Route check', 'went to Sign off'],
        ['sign_off', 'Sign off', 'waiting for a decision'],
      ],
    );
    assert.equal(review.body.deadline?.on_timeout, 'step');
    assert.equal(review.body.deadline.then_step, 'manual_check');
    assert.equal(review.body.deadline.then_step_title, 'Manual check');
    assert.deepEqual(
      review.body.next_actions.map((next) => [next.kind, next.step, next.title]),
      [['end', 'pay_out', 'Pay out']],
    );
  });

  void it('a small refund skips Finance; a charge Stripe does not know is a 404 naming it, and the summary gives the amount as the workflow does, naming the charge that could not be found', async () => {
    const runId = await submit('ch_doesnotexist', 20);
    const csm = await pendingTask(runId);
    // The task still opens when Stripe cannot say which currency the charge is in.
    assert.deepEqual(csm.leads_to, {
      step: 'process_refund',
      summary: 'Refund 2000 (the amount as the workflow gives it) on ch_doesnotexist: charge ch_doesnotexist could not be found, so its currency is unknown',
      target: 'ch_doesnotexist',
      amount: { minor: 2000, currency: null },
    });
    const review = await call<ApprovalReviewBody>('GET', `/api/v1/approvals/${csm.id}/review`);
    assert.equal(review.status, 200, review.text);
    assert.deepEqual(review.body.next_actions.map((next) => next.step), ['process_refund']);
    const refund = review.body.next_actions[0];
    assert.ok(refund?.kind === 'action');
    assert.equal(refund.summary, 'Refund 2000 (the amount as the workflow gives it) on ch_doesnotexist: charge ch_doesnotexist could not be found, so its currency is unknown');
    const missing = await call<ErrorBody>('GET', `/api/v1/approvals/${csm.id}/charge`);
    assert.equal(missing.status, 404, missing.text);
    assert.equal(missing.body.error.code, 'charge_not_found');
    assert.match(missing.body.error.message, /ch_doesnotexist/);

    // Only those who may read the run: the requester does, someone else's requester does not.
    assert.equal((await call('GET', `/api/v1/approvals/${csm.id}/review`, undefined, 'rita')).status, 200);
    for (const url of [`/api/v1/approvals/${csm.id}/review`, `/api/v1/approvals/${csm.id}/charge`, `/api/v1/approvals/${csm.id}/emails`]) {
      const outsider = await call<ErrorBody>('GET', url, undefined, 'otto');
      assert.equal(outsider.status, 403, outsider.text);
      assert.equal(outsider.body.error.code, 'not_your_approval');
    }

    for (const url of ['/api/v1/approvals/apt_nope/review', '/api/v1/approvals/apt_nope/emails']) {
      const unknown = await call<ErrorBody>('GET', url);
      assert.equal(unknown.status, 404, url);
      assert.equal(unknown.body.error.code, 'approval_not_found');
    }
  });
});
