import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { invokeWorkflow, retryRun } from '../../src/application/run-admin.ts';
import { createTestSystem, type TestSystem } from '../support/test-system.ts';
import { startScriptedServer } from '../support/scripted-server.ts';

const workflow = (url: string, extra = '') => `
kind: Workflow
id: call
trigger: { type: manual }
steps:
  - id: call
    type: action
    uses: http.request
    with: { method: POST, url: "${url}", body: { run: "{{ run.id }}" } }
    retry: { attempts: 3, backoff: 10ms, max_delay: 50ms }
${extra}
  - id: ok
    type: end
    outcome: Called
${extra.includes('on_error') ? '  - { id: handled, type: end, outcome: Handled }' : ''}
`;

void describe('action steps: retries, on_error, timeouts, idempotency', () => {
  let t: TestSystem;
  let server: Awaited<ReturnType<typeof startScriptedServer>>;
  before(async () => {
    // The default action timeout (30 s): no call here may time out because the machine is busy.
    t = await createTestSystem();
    server = await startScriptedServer();
  });
  after(async () => {
    await t.close();
    await server.close();
  });

  void it('retries 5xx with backoff, reusing one idempotency key, then succeeds', async () => {
    server.script('/flaky', [{ status: 503 }, { status: 500 }, { status: 200, body: { done: true } }]);
    await t.apply(workflow(`${server.url}/flaky`));
    const run = await invokeWorkflow(t.system.app, { workflowId: 'call', input: {} });
    const finished = await t.waitForRun(run.id);
    assert.equal(finished.status, 'succeeded');
    assert.equal(finished.outcome, 'Called');
    assert.deepEqual(finished.variables.call, { status: 200, headers: (finished.variables.call as { headers: unknown }).headers, body: { done: true } });
    const calls = server.requests.filter((request) => request.path === '/flaky');
    assert.equal(calls.length, 3);
    assert.deepEqual(new Set(calls.map((call) => call.headers['idempotency-key'])), new Set([`tg:${run.id}:call`]));
    const attempts = await t.system.store.listAttempts(run.id);
    assert.deepEqual(attempts.filter((a) => a.stepId === 'call').map((a) => [a.attempt, a.status, a.error?.code ?? null]), [
      [1, 'retrying', 'http_503'],
      [2, 'retrying', 'http_500'],
      [3, 'succeeded', null],
    ]);
    assert.deepEqual((attempts[0]?.input as { body: unknown }).body, { run: run.id }, 'the rendered input is journaled');
  });

  void it('honours Retry-After on 429', async () => {
    server.script('/limited', [{ status: 429, headers: { 'retry-after': '1' } }]);
    await t.apply(workflow(`${server.url}/limited`));
    const run = await invokeWorkflow(t.system.app, { workflowId: 'call', input: {} });
    const finished = await t.waitForRun(run.id);
    assert.equal(finished.status, 'succeeded');
    const attempts = (await t.system.store.listAttempts(run.id)).filter((a) => a.stepId === 'call');
    assert.equal(attempts.length, 2);
    const gap = attempts[1]!.startedAt.getTime() - attempts[0]!.finishedAt!.getTime();
    assert.ok(gap >= 950, `second attempt waited for Retry-After (waited ${gap} ms)`);
  });

  void it('fails the run at once on a 4xx, naming the failed step and its error', async () => {
    server.script('/bad', [{ status: 422, body: { message: 'nope' } }]);
    await t.apply(workflow(`${server.url}/bad`));
    const run = await invokeWorkflow(t.system.app, { workflowId: 'call', input: {} });
    const finished = await t.waitForRun(run.id);
    assert.equal(finished.status, 'failed');
    assert.equal(finished.failedStep, 'call');
    assert.equal(finished.error?.code, 'http_422');
    assert.deepEqual(finished.error?.body, { message: 'nope' });
    assert.equal(server.requests.filter((request) => request.path === '/bad').length, 1, 'a permanent error is not retried');
  });

  void it('goes to on_error with the error in `error` once retries are spent', async () => {
    server.script('/down', [{ status: 500 }, { status: 500 }, { status: 500 }]);
    await t.apply(workflow(`${server.url}/down`, '    on_error: handled'));
    const run = await invokeWorkflow(t.system.app, { workflowId: 'call', input: {} });
    const finished = await t.waitForRun(run.id);
    assert.equal(finished.status, 'succeeded');
    assert.equal(finished.outcome, 'Handled');
    assert.equal((finished.variables.error as { code: string }).code, 'http_500');
    assert.equal(server.requests.filter((request) => request.path === '/down').length, 3);
  });

  void it('times out a call that never answers, retries it with the same key', async () => {
    // The first call hangs for good, so it times out however fast the machine is; the
    // step's 2 s timeout is far above any scheduling delay of the answers that follow.
    server.script('/hangs', [{ status: 200, fault: 'hang' }, { status: 200, body: { fast: true } }]);
    await t.apply(workflow(`${server.url}/hangs`, '    timeout: 2s'));
    const run = await invokeWorkflow(t.system.app, { workflowId: 'call', input: {} });
    const finished = await t.waitForRun(run.id);
    assert.equal(finished.status, 'succeeded');
    assert.deepEqual((finished.variables.call as { body: unknown }).body, { fast: true });
    const attempts = (await t.system.store.listAttempts(run.id)).filter((a) => a.stepId === 'call');
    assert.deepEqual(attempts.map((a) => [a.attempt, a.status, a.error?.code ?? null]), [
      [1, 'retrying', 'step_timeout'],
      [2, 'succeeded', null],
    ]);
    const keys = server.requests.filter((request) => request.path === '/hangs').map((request) => request.headers['idempotency-key']);
    assert.deepEqual(keys, [`tg:${run.id}:call`, `tg:${run.id}:call`]);
  });

  void it('retries a failed run from its failed step with a new key generation', async () => {
    server.script('/later', [{ status: 400 }]);
    await t.apply(workflow(`${server.url}/later`));
    const run = await invokeWorkflow(t.system.app, { workflowId: 'call', input: {} });
    assert.equal((await t.waitForRun(run.id)).status, 'failed');
    await retryRun(t.system.app, run.id);
    const finished = await t.waitForRun(run.id);
    assert.equal(finished.status, 'succeeded');
    assert.equal(finished.retryGeneration, 1);
    const keys = server.requests.filter((request) => request.path === '/later').map((request) => request.headers['idempotency-key']);
    assert.deepEqual(keys, [`tg:${run.id}:call`, `tg:${run.id}:call:g1`]);
    const attempts = (await t.system.store.listAttempts(run.id)).filter((a) => a.stepId === 'call');
    assert.deepEqual(attempts.map((a) => [a.attempt, a.status]), [[1, 'failed'], [2, 'succeeded']]);
  });
});
