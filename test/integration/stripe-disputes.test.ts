// The stripe.disputes.* operations in workflows, against the Stripe sandbox
// over HTTP with the official SDK, on the dialect TOLLGATE_TEST_DIALECT names.
// Submitting evidence and closing are one-way: a step whose answer was lost
// runs again with the same idempotency key, and the sandbox sees one
// submission (one close).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import Stripe from 'stripe';
import { invokeWorkflow } from '../../src/application/run-admin.ts';
import { StripeSandbox } from '../../src/sandbox/index.ts';
import type { RunRecord } from '../../src/store/records.ts';
import { createTestSystem, type TestSystem } from '../support/test-system.ts';

const KEY = 'sk_test_disputes';
const RETRY = 'retry: { attempts: 3, backoff: 10ms, max_delay: 20ms }';

/** A workflow started by hand with a dispute id: its steps, then `done` (the outcome) or, from `on_error`, `refused`. */
const disputeWorkflow = (id: string, outcome: string, steps: string): string => `
kind: Workflow
id: ${id}
trigger:
  type: manual
  input:
    - { key: dispute, type: text, required: true }
steps:
${steps}
  - id: done
    type: end
    outcome: ${outcome}
  - id: refused
    type: end
    outcome: Refused
    status: failed
`;

const SUBMIT = `
  - id: submit
    type: action
    uses: stripe.disputes.update
    ${RETRY}
    with: { id: "{{ dispute }}", evidence: { uncategorized_text: Signed contract on file }, submit: true }
    on_error: refused`;

const workflows = (apiBase: string): string =>
  [
    `kind: Connector\nid: stripe\ntype: stripe\nconfig: { secret_key: ${KEY}, api_base: "${apiBase}" }\n`,
    disputeWorkflow('answer-dispute', 'Submitted', `
  - id: found
    type: action
    uses: stripe.disputes.retrieve
    with: { id: "{{ dispute }}" }
  - id: listed
    type: action
    uses: stripe.disputes.list
    with: { charge: "{{ found.charge }}", limit: 5 }
  - id: stage
    type: action
    uses: stripe.disputes.update
    with:
      id: "{{ dispute }}"
      evidence: { customer_name: Jenny Rosen, product_description: Annual plan, customer_email_address: "{{ found.nothing_here }}" }
      metadata: { run: "{{ run.id }}" }
      submit: false${SUBMIT}`),
    disputeWorkflow('submit-only', 'Submitted', SUBMIT),
    disputeWorkflow('accept-dispute', 'Accepted', `
  - id: close
    type: action
    uses: stripe.disputes.close
    ${RETRY}
    with: { id: "{{ dispute }}" }
    on_error: refused`),
    // Evidence, and no word on submitting it.
    disputeWorkflow('submit-unsaid', 'Submitted', `
  - id: submit
    type: action
    uses: stripe.disputes.update
    with: { id: "{{ dispute }}", evidence: { customer_name: Jenny Rosen } }
    on_error: refused`),
  ].join('---\n');

void describe('stripe.disputes.* in workflows against the sandbox', () => {
  const sandbox = new StripeSandbox();
  let stripe: Stripe;
  let t: TestSystem;

  before(async () => {
    const { port, url } = await sandbox.start();
    stripe = new Stripe(KEY, { host: '127.0.0.1', port, protocol: 'http', maxNetworkRetries: 0 });
    t = await createTestSystem();
    await t.apply(workflows(url));
  });
  after(async () => {
    await t.close();
    await sandbox.stop();
  });

  const openDispute = (): Stripe.Dispute => sandbox.trigger('charge.dispute.created', { amount: 4_200 }).data.object as unknown as Stripe.Dispute;
  const run = async (workflowId: string, dispute: string): Promise<RunRecord> => t.waitForRun((await invokeWorkflow(t.system.app, { workflowId, input: { dispute } })).id);
  const posts = (path: string) => sandbox.requests.filter((request) => request.method === 'POST' && request.path === path);
  const eventsOf = async (type: string, id: string): Promise<number> =>
    (await stripe.events.list({ type, limit: 100 })).data.filter((event) => (event.data.object as { id: string }).id === id).length;

  void it('retrieves, lists, stages evidence without submitting, then submits once: each POST with its step\'s idempotency key', async () => {
    const dispute = openDispute();
    const finished = await run('answer-dispute', dispute.id);
    assert.equal(finished.status, 'succeeded', JSON.stringify(finished.error));
    assert.equal(finished.outcome, 'Submitted');
    const vars = finished.variables as { found: Stripe.Dispute; listed: Stripe.ApiList<Stripe.Dispute>; stage: Stripe.Dispute; submit: Stripe.Dispute };
    assert.equal(vars.found.id, dispute.id);
    assert.deepEqual(vars.listed.data.map((item) => item.id), [dispute.id]);
    assert.equal(vars.stage.status, 'needs_response');
    assert.equal(vars.stage.evidence.customer_name, 'Jenny Rosen');
    assert.equal(vars.stage.evidence.customer_email_address, null, 'a template over a missing value is not sent');
    assert.equal(vars.stage.evidence_details.submission_count, 0);
    assert.deepEqual(vars.stage.metadata, { run: finished.id });
    assert.equal(vars.submit.status, 'under_review');
    assert.equal(vars.submit.evidence.product_description, 'Annual plan', 'staged evidence stays');
    assert.equal(vars.submit.evidence_details.submission_count, 1);
    assert.deepEqual(
      posts(`/v1/disputes/${dispute.id}`).map((request) => request.idempotencyKey),
      [`tg:${finished.id}:stage`, `tg:${finished.id}:submit`],
    );
    assert.ok(sandbox.requests.filter((request) => request.method === 'GET' && request.path.startsWith('/v1/disputes')).every((request) => request.idempotencyKey === null));
  });

  void it('a submission whose answer was lost runs again with the same key: Stripe answers it once, the dispute shows one submission', async () => {
    const dispute = openDispute();
    // Stripe takes the submission, then the answer is a 500: the step cannot tell it happened.
    sandbox.failNext(1, { kind: 'status', status: 500, afterProcessing: true, match: { method: 'POST', path: `/v1/disputes/${dispute.id}` } });
    const finished = await run('submit-only', dispute.id);
    assert.equal(finished.status, 'succeeded', JSON.stringify(finished.error));
    const submits = posts(`/v1/disputes/${dispute.id}`).filter((request) => request.idempotencyKey === `tg:${finished.id}:submit`);
    assert.deepEqual(submits.map((request) => [request.status, request.replayed]), [[500, false], [200, true]], 'the same call twice; the second is Stripe\'s replay');
    const stored = await stripe.disputes.retrieve(dispute.id);
    assert.equal(stored.evidence_details.submission_count, 1);
    assert.equal(stored.status, 'under_review');
    const attempts = (await t.system.store.listAttempts(finished.id)).filter((attempt) => attempt.stepPath === 'submit');
    assert.deepEqual(attempts.map((attempt) => [attempt.attempt, attempt.status]), [[1, 'retrying'], [2, 'succeeded']]);
  });

  void it('a close whose answer was lost runs again with the same key: one close, one charge.dispute.closed', async () => {
    const dispute = openDispute();
    sandbox.failNext(1, { kind: 'status', status: 500, afterProcessing: true, match: { method: 'POST', path: `/v1/disputes/${dispute.id}/close` } });
    const finished = await run('accept-dispute', dispute.id);
    assert.equal(finished.status, 'succeeded', JSON.stringify(finished.error));
    assert.equal(finished.outcome, 'Accepted');
    assert.equal((finished.variables.close as Stripe.Dispute).status, 'lost');
    const closes = posts(`/v1/disputes/${dispute.id}/close`);
    assert.deepEqual(closes.map((request) => [request.idempotencyKey, request.replayed]), [[`tg:${finished.id}:close`, false], [`tg:${finished.id}:close`, true]]);
    assert.equal(await eventsOf('charge.dispute.closed', dispute.id), 1);
  });

  void it('a second run cannot submit or close again: Stripe refuses, the run goes on_error with Stripe\'s error, and the dispute is unchanged', async () => {
    const dispute = openDispute();
    assert.equal((await run('submit-only', dispute.id)).outcome, 'Submitted');
    const again = await run('submit-only', dispute.id);
    assert.equal(again.outcome, 'Refused');
    const error = again.variables.error as { code: string; message: string; step: string };
    assert.equal(error.step, 'submit');
    assert.equal(error.code, 'stripe_invalid_request_error');
    assert.match(error.message, /already been submitted/);
    const closed = await run('accept-dispute', dispute.id);
    assert.equal(closed.outcome, 'Refused');
    assert.match((closed.variables.error as { message: string }).message, /can no longer be closed/);
    const stored = await stripe.disputes.retrieve(dispute.id);
    assert.equal(stored.evidence_details.submission_count, 1);
    assert.equal(stored.status, 'under_review');
  });

  void it('evidence without submit is refused before Stripe, naming with.submit', async () => {
    const dispute = openDispute();
    const before = posts(`/v1/disputes/${dispute.id}`).length;
    const finished = await run('submit-unsaid', dispute.id);
    assert.equal(finished.outcome, 'Refused');
    const error = finished.variables.error as { code: string; message: string; path?: string };
    assert.equal(error.code, 'stripe_param_missing');
    assert.match(error.message, /^with\.submit: say whether to submit this evidence/);
    assert.equal(posts(`/v1/disputes/${dispute.id}`).length, before, 'nothing reached Stripe');
    assert.equal((await stripe.disputes.retrieve(dispute.id)).status, 'needs_response');
  });

  void it('rejects an unknown evidence field or parameter when the workflow is applied, with its path', async () => {
    const bad = `
kind: Workflow
id: bad-evidence
trigger: { type: manual }
steps:
  - id: stage
    type: action
    uses: stripe.disputes.update
    with: { id: dp_1, evidence: { customer_nmae: Jenny }, submitt: false }
`;
    await assert.rejects(t.apply(bad), (error: unknown) => {
      const text = JSON.stringify(error) + String(error);
      assert.match(text, /steps\[0\]\.with\.evidence\.customer_nmae: unknown field "customer_nmae" of stripe\.disputes\.update evidence \(did you mean \\?"customer_name\\?"\?\)/);
      assert.match(text, /steps\[0\]\.with\.submitt: unknown parameter "submitt" of stripe\.disputes\.update \(did you mean \\?"submit\\?"\?\)/);
      return true;
    });
    assert.equal(await t.system.store.getWorkflow('bad-evidence'), undefined);
  });
});
