/**
 * A bulk retry after an outage never moves money twice: a run that refunded
 * and then failed further on starts again after the refund; a run whose
 * refund's answer was lost finds the refund under its old key instead of
 * refunding again. Both through POST /api/v1/runs/retry, against the sandbox.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Stripe from 'stripe';
import { invokeWorkflow } from '../../src/application/run-admin.ts';
import type { BulkRunResponse } from '../../src/server/bulk-run-schemas.ts';
import type { RunRecord } from '../../src/store/records.ts';
import { closedPort } from '../support/closed-port.ts';
import { startStripeStack, type StripeStack } from '../support/stripe-stack.ts';
import { waitForRun } from '../support/wait-for-run.ts';
import { bearer, userWithKey } from './identity-fixtures.ts';

const workflow = (port: number) => `
kind: Workflow
id: refund-then-tell
trigger: { type: manual, input: [{ key: charge, type: text, required: true }] }
steps:
  - id: refund
    type: action
    uses: stripe.refunds.create
    with: { charge: "{{ charge }}", amount: 1000 }
    retry: { attempts: 1 }
  - id: tell
    type: action
    uses: http.request
    with: { url: "http://127.0.0.1:${port}/ledger-down" }
    retry: { attempts: 1 }
`;

void describe('a bulk retry never moves money twice', () => {
  let stack: StripeStack;
  let stripe: Stripe;
  let key: string;

  before(async () => {
    stack = await startStripeStack();
    const url = new URL(stack.sandbox.url);
    stripe = new Stripe('sk_test_bulk', { host: url.hostname, port: Number(url.port), protocol: 'http', maxNetworkRetries: 0 });
    await stack.apply(workflow(await closedPort()));
    key = (await userWithKey(stack.system.app, 'ops@example.com', ['editor'])).key;
  });
  after(() => stack.close());

  const chargeOf = async () => (await stripe.paymentIntents.create({ amount: 5000, currency: 'usd', confirm: true, payment_method: 'pm_card_visa' })).latest_charge as string;
  const refundsOf = async (charge: string) => (await stripe.refunds.list({ charge, limit: 100 })).data;
  const refundPosts = (charge: string) => stack.sandbox.requests.filter((request) => request.method === 'POST' && request.path === '/v1/refunds' && request.params.charge === charge).length;
  const finish = (run: RunRecord) => {
    stack.system.worker.wake();
    return waitForRun(stack.system.store, run.id);
  };
  const attemptsOf = async (run: RunRecord, step: string) => (await stack.system.store.listAttempts(run.id)).filter((attempt) => attempt.stepPath === step).length;

  void it('refunded then failed, and failed while the refund answer was lost: one bulk retry, one refund each', async () => {
    const [refundedCharge, lostCharge] = [await chargeOf(), await chargeOf()];
    const refunded = await finish(await invokeWorkflow(stack.system.app, { workflowId: 'refund-then-tell', input: { charge: refundedCharge } }));
    assert.deepEqual([refunded.status, refunded.failedStep], ['failed', 'tell'], 'the refund went through; the ledger call failed');
    stack.sandbox.failNext(1, { kind: 'status', status: 500, afterProcessing: true, match: { method: 'POST', path: '/v1/refunds' } });
    const lost = await finish(await invokeWorkflow(stack.system.app, { workflowId: 'refund-then-tell', input: { charge: lostCharge } }));
    assert.deepEqual([lost.status, lost.failedStep], ['failed', 'refund'], 'Stripe refunded, but its answer was lost');
    assert.equal((await refundsOf(lostCharge)).length, 1);

    const answer = await stack.server.inject({ method: 'POST', url: '/api/v1/runs/retry', headers: bearer(key), payload: { filter: { workflow: 'refund-then-tell', status: 'failed' } } });
    assert.equal(answer.statusCode, 200, answer.body);
    const body = JSON.parse(answer.body) as BulkRunResponse;
    assert.deepEqual(body.runs.map((one) => [one.id, one.result]), [[lost.id, 'retried'], [refunded.id, 'retried']]);

    const [refundedAgain, lostAgain] = [await finish(refunded), await finish(lost)];
    assert.deepEqual([refundedAgain.status, refundedAgain.failedStep], ['failed', 'tell'], 'the ledger is still down');
    assert.equal(await attemptsOf(refunded, 'refund'), 1, 'the refund step did not run again');
    assert.equal(await attemptsOf(refunded, 'tell'), 2);
    assert.deepEqual([lostAgain.status, lostAgain.failedStep], ['failed', 'tell'], 'the retried refund step found its refund and went on');
    for (const charge of [refundedCharge, lostCharge]) {
      assert.equal((await refundsOf(charge)).length, 1, `${charge}: money moved once`);
      assert.equal(refundPosts(charge), 1, `${charge}: one refund call reached Stripe`);
    }
  });
});
