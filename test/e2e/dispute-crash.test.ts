// Submitting a dispute's evidence and closing a dispute are one-way: a worker
// killed while Stripe has taken the call but not yet answered, then restarted,
// repeats the call with the same idempotency key, and Stripe (the sandbox)
// answers the repeat from its idempotency cache: one submission, one close.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import Stripe from 'stripe';
import { killChild, startChildWorker } from '../support/child-worker.ts';
import { pollUntil } from '../support/poll-until.ts';
import { childWorkerEnv, startStripeStack, type StripeStack } from '../support/stripe-stack.ts';

const WORKFLOW = `
kind: Workflow
id: answer-disputes
trigger:
  type: event
  event: charge.dispute.created
steps:
  - id: choose
    type: decision
    branches:
      - when: object.metadata.answer = "accept"
        next: accept
    otherwise: submit
  - id: submit
    type: action
    uses: stripe.disputes.update
    with: { id: "{{ object.id }}", evidence: { uncategorized_text: Signed contract on file }, submit: true }
    next: done
  - id: accept
    type: action
    uses: stripe.disputes.close
    with: { id: "{{ object.id }}" }
  - id: done
    type: end
`;

void describe('a worker killed in the middle of a dispute submission or close, then restarted', () => {
  let stack: StripeStack;
  let stripe: Stripe;
  let env: NodeJS.ProcessEnv;
  before(async () => {
    stack = await startStripeStack({ worker: false });
    await stack.apply(WORKFLOW);
    const url = new URL(stack.sandbox.url);
    stripe = new Stripe('sk_test_check', { host: url.hostname, port: Number(url.port), protocol: 'http', maxNetworkRetries: 0 });
    env = childWorkerEnv(stack);
  });
  after(() => stack.close());

  /** Opens a dispute, lets a worker die while Stripe holds its answer to `path`, restarts one, and returns the ended run's id. */
  async function crashAndResume(answer: 'submit' | 'accept', pathOf: (dispute: string) => string): Promise<{ dispute: string; runId: string; calls: () => { idempotencyKey: string | null; replayed: boolean }[] }> {
    const event = stack.sandbox.trigger('charge.dispute.created', { metadata: { answer } });
    const dispute = (event.data.object as { id: string }).id;
    const path = pathOf(dispute);
    // Stripe takes the call, then the answer never comes: the worker is mid-call when it dies.
    stack.sandbox.failNext(1, { kind: 'hang', afterProcessing: true, match: { method: 'POST', path } });
    await stack.sandbox.idle();
    const calls = () => stack.sandbox.requests.filter((request) => request.method === 'POST' && request.path === path);
    let worker: ChildProcess | undefined = await startChildWorker(env);
    try {
      await pollUntil(() => Promise.resolve(calls().length), (count) => count > 0, { what: `the ${answer} call reached Stripe` });
      await killChild(worker);
      worker = await startChildWorker(env);
      const runs = (await stack.system.store.listRuns({ workflowId: 'answer-disputes', limit: 20 })).runs;
      const run = runs.find((candidate) => (candidate.variables.object as { id: string }).id === dispute);
      assert.ok(run, 'the dispute started a run');
      await pollUntil(async () => (await stack.system.store.getRun(run.id))?.status, (status) => status !== 'running', { what: 'the run ended after the restart' });
      const ended = await stack.system.store.getRun(run.id);
      assert.equal(ended?.status, 'succeeded', JSON.stringify(ended?.error));
      return { dispute, runId: run.id, calls };
    } finally {
      await killChild(worker);
    }
  }

  const eventsOf = async (type: string, id: string): Promise<number> =>
    (await stripe.events.list({ type, limit: 100 })).data.filter((event) => (event.data.object as { id: string }).id === id).length;

  void it('submits the evidence once', async () => {
    const { dispute, runId, calls } = await crashAndResume('submit', (id) => `/v1/disputes/${id}`);
    assert.deepEqual(calls().map((call) => [call.idempotencyKey, call.replayed]), [[`tg:${runId}:submit`, false], [`tg:${runId}:submit`, true]], 'the restarted worker repeated the call under its key; Stripe replayed its answer');
    const stored = await stripe.disputes.retrieve(dispute);
    assert.equal(stored.evidence_details.submission_count, 1, 'one submission');
    assert.equal(stored.status, 'under_review');
    assert.equal(await eventsOf('charge.dispute.updated', dispute), 1);
  });

  void it('closes the dispute once', async () => {
    const { dispute, runId, calls } = await crashAndResume('accept', (id) => `/v1/disputes/${id}/close`);
    assert.deepEqual(calls().map((call) => [call.idempotencyKey, call.replayed]), [[`tg:${runId}:accept`, false], [`tg:${runId}:accept`, true]]);
    assert.equal((await stripe.disputes.retrieve(dispute)).status, 'lost');
    assert.equal(await eventsOf('charge.dispute.closed', dispute), 1, 'one close');
  });
});
