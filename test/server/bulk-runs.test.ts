/**
 * POST /api/v1/runs/retry and /api/v1/runs/cancel: many runs by id or by the
 * runs list's filter, each changed in its own transaction with its own audit
 * entry, skips with the single-run call's code, the bound, the preview, and
 * the Idempotency-Key.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AuditEntry } from '../../src/core/audit-entry.ts';
import { newId } from '../../src/core/ids.ts';
import { prepareRun } from '../../src/engine/start-run.ts';
import type { BulkRunResponse } from '../../src/server/bulk-run-schemas.ts';
import type { ErrorBody, RunBody } from '../../src/server/response-schemas.ts';
import { flakyWorkflow, QUICK_WORKFLOW, SLOW_WORKFLOW } from '../support/run-control-workflows.ts';
import { startApi, type ApiHarness } from './api-harness.ts';
import { bearer, userWithKey } from './identity-fixtures.ts';

/** flaky (each run fails), quick and slow (each run waits an hour). */
const workflows = async () => [await flakyWorkflow(), QUICK_WORKFLOW, SLOW_WORKFLOW].join('---\n');

type Answer = BulkRunResponse & ErrorBody;

void describe('bulk retry and cancel', () => {
  let api: ApiHarness;
  const post = (url: string, payload: object, headers: Record<string, string> = {}) => api.call<Answer>({ method: 'POST', url, payload, headers });
  const run = async (id: string): Promise<RunBody> => (await api.get<{ run: RunBody }>(`/api/v1/runs/${id}`)).body.run;
  const start = async (workflow: string, input: object = {}): Promise<string> => {
    const started = await api.post<{ run: RunBody }>(`/api/v1/workflows/${workflow}/runs`, { input });
    assert.equal(started.status, 202, started.text);
    return started.body.run.id;
  };
  const failedRuns = async (count: number): Promise<string[]> => {
    const ids: string[] = [];
    for (let n = 0; n < count; n += 1) ids.push(await start('flaky', { n }));
    await api.t.settle();
    for (const id of ids) assert.equal((await run(id)).status, 'failed');
    return ids;
  };
  const auditOf = async (action: string): Promise<AuditEntry[]> => (await api.t.system.store.audit.entriesAfter(0, 100_000)).filter((entry) => entry.action === action);

  before(async () => {
    api = await startApi();
    await api.t.apply(await workflows());
  });
  after(() => api.close());

  void it('retries the failed runs a filter matches, each from its failed step, with an audit entry naming the bulk call', async () => {
    const failed = await failedRuns(3);
    const succeeded = await start('quick');
    const answer = await post('/api/v1/runs/retry', { filter: { workflow: 'flaky', status: 'failed' } });
    assert.equal(answer.status, 200, answer.text);
    assert.match(answer.body.bulk ?? '', /^bulk_/);
    assert.deepEqual({ matched: answer.body.matched, done: answer.body.done, skipped: answer.body.skipped, preview: answer.body.preview }, { matched: 3, done: 3, skipped: 0, preview: false });
    assert.deepEqual(answer.body.runs.map((one) => [one.id, one.result, one.status]), [...failed].reverse().map((id) => [id, 'retried', 'running']), 'newest first, as the list');

    await api.t.settle();
    for (const id of failed) {
      const detail = await api.get<{ run: RunBody; steps: { step_id: string; attempt: number }[] }>(`/api/v1/runs/${id}`);
      assert.equal(detail.body.run.retry_generation, 1);
      assert.deepEqual(detail.body.steps.map((step) => [step.step_id, step.attempt]), [['call', 1], ['call', 2]], 'the failed step ran again, once');
    }
    assert.equal((await run(succeeded)).retry_generation, 0, 'a run the filter does not match is left alone');

    const entries = (await auditOf('run.retried')).filter((entry) => entry.detail.bulk === answer.body.bulk);
    assert.deepEqual(entries.map((entry) => entry.target.id).sort(), [...failed].sort(), 'one run.retried entry per run');
    assert.deepEqual(entries[0]?.detail, { workflow: 'flaky', version: 1, before: 'failed', failed_step: 'call', bulk: answer.body.bulk }, 'the single retry\'s detail, plus the bulk id');
  });

  void it('by id: acts on those that allow it and skips the others with the single call\'s code', async () => {
    const [failed] = await failedRuns(1);
    const succeeded = await start('quick');
    const waiting = await start('slow');
    await api.t.settle();
    assert.equal((await run(waiting)).status, 'waiting');

    const retried = await post('/api/v1/runs/retry', { runs: [failed, succeeded, 'run_missing', waiting] });
    assert.equal(retried.status, 200, retried.text);
    assert.deepEqual(
      retried.body.runs.map((one) => [one.id, one.result, one.result === 'skipped' ? one.reason : null]),
      [
        [failed, 'retried', null],
        [succeeded, 'skipped', 'run_not_retryable'],
        ['run_missing', 'skipped', 'run_not_found'],
        [waiting, 'skipped', 'run_not_retryable'],
      ],
    );
    assert.deepEqual(retried.body.skipped_by_reason, { run_not_retryable: 2, run_not_found: 1 });
    assert.deepEqual({ done: retried.body.done, skipped: retried.body.skipped }, { done: 1, skipped: 3 });
    const notRetryable = retried.body.runs[1];
    assert.ok(notRetryable?.result === 'skipped');
    assert.match(notRetryable.message, /is succeeded; only a failed run can be retried/);
    assert.equal(notRetryable.status, 'succeeded');

    const cancelled = await post('/api/v1/runs/cancel', { runs: [waiting, succeeded, 'run_missing'] });
    assert.equal(cancelled.status, 200, cancelled.text);
    assert.deepEqual(
      cancelled.body.runs.map((one) => [one.id, one.result, one.result === 'skipped' ? one.reason : one.status]),
      [
        [waiting, 'cancelled', 'cancelled'],
        [succeeded, 'skipped', 'run_already_finished'],
        ['run_missing', 'skipped', 'run_not_found'],
      ],
    );
    assert.equal((await run(waiting)).status, 'cancelled');
    const entries = (await auditOf('run.cancelled')).filter((entry) => entry.detail.bulk === cancelled.body.bulk);
    assert.deepEqual(entries.map((entry) => [entry.target.id, entry.detail.before]), [[waiting, 'waiting']], 'only the cancelled run is audited');
  });

  void it('a preview says what would be done and changes nothing', async () => {
    const failed = await failedRuns(2);
    const head = await api.t.system.store.audit.head();
    const preview = await post('/api/v1/runs/retry', { runs: [...failed, 'run_missing'], preview: true });
    assert.equal(preview.status, 200, preview.text);
    assert.equal(preview.body.bulk, null);
    assert.equal(preview.body.preview, true);
    assert.deepEqual(preview.body.runs.map((one) => [one.id, one.result]), [[failed[0], 'would_retry'], [failed[1], 'would_retry'], ['run_missing', 'skipped']]);
    const byFilter = await post('/api/v1/runs/cancel', { filter: { workflow: 'flaky' }, preview: true });
    assert.equal(byFilter.status, 200, byFilter.text);
    assert.equal(byFilter.body.done, 0, 'every flaky run has ended: none would be cancelled');
    assert.ok(byFilter.body.skipped >= 2 && byFilter.body.skipped === byFilter.body.matched);
    assert.deepEqual(Object.keys(byFilter.body.skipped_by_reason), ['run_already_finished']);

    await api.t.settle();
    for (const id of failed) {
      const now = await run(id);
      assert.deepEqual([now.status, now.retry_generation], ['failed', 0]);
    }
    assert.deepEqual(await api.t.system.store.audit.head(), head, 'no audit entry');
  });

  void it('the same Idempotency-Key and body answer the first call again without retrying twice; another body with it is refused', async () => {
    const failed = await failedRuns(2);
    const key = { 'idempotency-key': `bulk-${newId('k')}` };
    const first = await post('/api/v1/runs/retry', { runs: failed }, key);
    assert.equal(first.status, 200, first.text);
    assert.equal(first.body.done, 2);
    await api.t.settle();
    for (const id of failed) assert.deepEqual([(await run(id)).status, (await run(id)).retry_generation], ['failed', 1], 'failed again: retryable again');

    const again = await post('/api/v1/runs/retry', { runs: failed }, key);
    assert.equal(again.status, 200, again.text);
    assert.equal(again.headers['idempotent-replayed'], 'true');
    assert.equal(again.text, first.text, 'the first answer, word for word');
    await api.t.settle();
    for (const id of failed) assert.equal((await run(id)).retry_generation, 1, 'not retried a second time');
    assert.equal((await auditOf('run.retried')).filter((entry) => failed.includes(entry.target.id)).length, 2);

    const other = await post('/api/v1/runs/retry', { runs: failed.slice(0, 1) }, key);
    assert.equal(other.status, 422, other.text);
    assert.equal(other.body.error.code, 'idempotency_key_reused');
  });

  void it('refuses more than 1,000 runs, saying how many matched, before changing any', async () => {
    const engine = api.t.system.app.engine;
    const base = await prepareRun(engine, { workflowId: 'slow', input: {}, trigger: { type: 'manual' } });
    // Leased far ahead to another owner: no worker takes their first step, they stay running.
    const lease = { owner: 'elsewhere', until: new Date(Date.now() + 3600_000) };
    const many = Array.from({ length: 1001 }, () => ({ ...base, id: newId('run', base.createdAt), lease }));
    for (let index = 0; index < many.length; index += 100) await engine.store.createRuns(many.slice(index, index + 100));

    const refused = await post('/api/v1/runs/cancel', { filter: { workflow: 'slow', status: 'running' } });
    assert.equal(refused.status, 400, refused.text);
    assert.equal(refused.body.error.code, 'bulk_limit_exceeded');
    assert.equal(refused.body.error.path, 'filter');
    assert.match(refused.body.error.message, /the filter matches 1,001 runs; one bulk call acts on at most 1,000/);
    assert.equal(await engine.store.countRuns({ workflowId: 'slow', status: 'running' }), 1001, 'none was cancelled');

    // A window that ends before it starts is a slip, refused at its end, not an empty selection.
    const backwards = await post('/api/v1/runs/cancel', { filter: { workflow: 'slow', created_after: '2026-03-02T00:00:00Z', created_before: '2026-03-01T00:00:00Z' } });
    assert.equal(backwards.status, 400, backwards.text);
    assert.equal(backwards.body.error.code, 'request_invalid');
    assert.equal(backwards.body.error.path, 'filter.created_before');
    assert.match(backwards.body.error.message, /created_before 2026-03-01T00:00:00.000Z is not after created_after 2026-03-02T00:00:00.000Z; give a created_before later than created_after/);
    assert.equal(await engine.store.countRuns({ workflowId: 'slow', status: 'running' }), 1001, 'none was cancelled');

    const ids = many.map((one) => one.id);
    const tooManyIds = await post('/api/v1/runs/cancel', { runs: ids });
    assert.equal(tooManyIds.status, 400);
    assert.equal(tooManyIds.body.error.code, 'request_invalid');
    assert.equal(tooManyIds.body.error.path, 'body.runs');
    assert.match(tooManyIds.body.error.message, /at most 1000 run ids per call; 1001 were sent/);

    const atTheBound = await post('/api/v1/runs/cancel', { runs: ids.slice(1), preview: true });
    assert.equal(atTheBound.status, 200, atTheBound.text);
    assert.equal(atTheBound.body.done, 1000);
  });

  void it('says what is wrong in the body, and where', async () => {
    const cases: [object, string, RegExp][] = [
      [{}, 'body', /give `runs` \(a list of run ids\) or `filter`/],
      [{ runs: ['run_a'], filter: { status: 'failed' } }, 'body.filter', /not both/],
      [{ runs: ['run_a', 'run_b', 'run_a'] }, 'body.runs', /run_a is listed at 0 and 2: name each run once/],
      [{ runs: [] }, 'body.runs', /.+/],
      [{ filter: {} }, 'body.filter', /at least one filter/],
      [{ filter: { status: 'broken' } }, 'body.filter.status', /failed/],
      [{ filter: { created_after: 'yesterday' } }, 'body.filter.created_after', /.+/],
      [{ filter: { stauts: 'failed' } }, 'body.filter.stauts', /.+/],
      [{ runs: ['run_a'], preview: 'yes' }, 'body.preview', /.+/],
    ];
    for (const [body, path, message] of cases) {
      const answer = await post('/api/v1/runs/retry', body);
      assert.equal(answer.status, 400, `${JSON.stringify(body)}: ${answer.text}`);
      assert.equal(answer.body.error.code, 'request_invalid');
      assert.equal(answer.body.error.issues?.[0]?.path, path, `${JSON.stringify(body)}: ${answer.text}`);
      assert.match(answer.body.error.message, message);
    }
  });

  void it('the routes are in the OpenAPI document with their body and answer', async () => {
    const document = await api.get<{ paths: Record<string, { post?: { operationId: string; requestBody?: unknown } }> }>('/api/v1/openapi.json');
    assert.equal(document.body.paths['/api/v1/runs/retry']?.post?.operationId, 'retryRuns');
    assert.equal(document.body.paths['/api/v1/runs/cancel']?.post?.operationId, 'cancelRuns');
    assert.match(JSON.stringify(document.body.paths['/api/v1/runs/retry']?.post?.requestBody), /BulkRunRequest/);
  });
});

void describe('bulk actions need the single-run permission', () => {
  void it('a viewer is refused; an editor acts, and the audit entry names them', async () => {
    const api = await startApi({ auth: 'required' });
    try {
      const { app } = api.t.system;
      const editor = (await userWithKey(app, 'ed@example.com', ['editor'])).key;
      const viewer = (await userWithKey(app, 'vi@example.com', ['viewer'])).key;
      const applied = await api.call({ method: 'POST', url: '/api/v1/apply', headers: { ...bearer(editor), 'content-type': 'application/yaml' }, payload: await workflows() });
      assert.equal(applied.status, 200, applied.text);
      const started = await api.call<{ run: RunBody }>({ method: 'POST', url: '/api/v1/workflows/slow/runs', headers: bearer(editor), payload: {} });
      await api.t.settle();

      const refused = await api.call<ErrorBody>({ method: 'POST', url: '/api/v1/runs/cancel', headers: bearer(viewer), payload: { runs: [started.body.run.id] } });
      assert.equal(refused.status, 403, refused.text);
      assert.equal(refused.body.error.code, 'forbidden');

      const done = await api.call<Answer>({ method: 'POST', url: '/api/v1/runs/cancel', headers: bearer(editor), payload: { filter: { workflow: 'slow' } } });
      assert.equal(done.status, 200, done.text);
      assert.deepEqual(done.body.runs.map((one) => one.result), ['cancelled']);
      const entry = (await api.t.system.store.audit.entriesAfter(0, 1000)).find((one) => one.action === 'run.cancelled');
      assert.equal(entry?.actor.id, 'ed@example.com');
      assert.equal(entry?.detail.bulk, done.body.bulk);
    } finally {
      await api.close();
    }
  });
});
