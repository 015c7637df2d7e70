import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import Stripe from 'stripe';
import { killChild, startChildWorker } from '../support/child-worker.ts';
import { childWorkerEnv, startStripeStack } from '../support/stripe-stack.ts';
import { pollUntil } from '../support/poll-until.ts';

test('a worker killed in the middle of the refund step, then restarted, creates exactly one refund', async () => {
  const stack = await startStripeStack({ worker: false });
  let worker: ChildProcess | undefined;
  try {
    await stack.apply(readFileSync(new URL('../../examples/fraud-warning-refund.yaml', import.meta.url), 'utf8'));
    // Stripe takes the refund, then the answer never comes: the worker is mid-call when it dies.
    stack.sandbox.failNext(1, { kind: 'hang', afterProcessing: true, match: { method: 'POST', path: '/v1/refunds' } });
    const env = childWorkerEnv(stack);
    worker = await startChildWorker(env);
    const warning = stack.sandbox.trigger('radar.early_fraud_warning.created', { amount: 900, currency: 'usd' });
    const chargeId = (warning.data.object as unknown as { charge: string }).charge;
    const refundCalls = () => stack.sandbox.requests.filter((request) => request.method === 'POST' && request.path === '/v1/refunds');
    await pollUntil(() => Promise.resolve(refundCalls().length), (count) => count > 0, { what: 'the refund call reached Stripe' });
    assert.equal(refundCalls().length, 1, 'the refund call reached Stripe');
    await killChild(worker);

    worker = await startChildWorker(env);
    const [run] = (await stack.system.store.listRuns({ workflowId: 'fraud-warning-refund', limit: 5 })).runs;
    assert.ok(run);
    await pollUntil(async () => (await stack.system.store.getRun(run.id))?.status, (status) => status !== 'running', { what: 'the run ended after the restart' });
    assert.equal((await stack.system.store.getRun(run.id))?.status, 'succeeded');

    const url = new URL(stack.sandbox.url);
    const stripe = new Stripe('sk_test_check', { host: url.hostname, port: Number(url.port), protocol: 'http' });
    const refunds = await stripe.refunds.list({ charge: chargeId });
    assert.equal(refunds.data.length, 1, 'money moved once');
    // The money guard looks the refund up by the run's metadata before repeating a call whose outcome is unknown.
    assert.equal(refundCalls().length, 1, 'the restarted worker found the refund instead of calling again');
    assert.equal(refunds.data[0]?.metadata?.tollgate_run, run.id);
  } finally {
    if (worker) await killChild(worker);
    await stack.close();
  }
});
