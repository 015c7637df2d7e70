import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { ManualClock } from '../../src/core/clock.ts';
import { Role } from '../../src/core/roles.ts';
import type { ApprovalTaskBody } from '../../src/server/approval-schemas.ts';
import type { RequestBody } from '../../src/server/catalog-schemas.ts';
import { IDEMPOTENCY_IN_FLIGHT_MS, IDEMPOTENCY_KEEP_MS } from '../../src/server/idempotency-plugin.ts';
import type { ErrorBody, RunBody } from '../../src/server/response-schemas.ts';
import { inspectDatabase } from '../../src/store/inspect.ts';
import { startApi, TRIAGE_YAML, type ApiHarness, type ApiResponse } from './api-harness.ts';
import { CATALOG_YAML, GOOD_REFUND } from './catalog-fixture.ts';
import { bearer, userWithKey } from './identity-fixtures.ts';
import { flakyWorkflow, SLOW_WORKFLOW } from '../support/run-control-workflows.ts';

interface RunAnswer {
  run: RunBody;
}

const keyed = (key: string, extra: Record<string, string> = {}) => ({ 'idempotency-key': key, ...extra });
const invoke = (api: ApiHarness, key: string, amount: number, headers: Record<string, string> = {}) =>
  api.call<RunAnswer>({ method: 'POST', url: '/api/v1/workflows/triage/runs', headers: keyed(key, headers), payload: { input: { amount } } });
const runCount = async (api: ApiHarness, workflowId = 'triage') => api.t.system.store.countRuns({ workflowId });

function assertReplay<T>(first: ApiResponse<T>, again: ApiResponse<T>): void {
  assert.equal(again.status, first.status, again.text);
  assert.equal(again.text, first.text, 'the first answer, byte for byte');
  assert.equal(again.headers['idempotent-replayed'], 'true');
  assert.equal(first.headers['idempotent-replayed'], undefined, 'the first answer is not marked');
}

test('run start: the same key and body return the first answer, marked replayed, and start one run', async () => {
  const api = await startApi();
  try {
    await api.postYaml('/api/v1/apply', TRIAGE_YAML);
    const first = await invoke(api, 'start-1', 750);
    assert.equal(first.status, 202, first.text);
    const again = await invoke(api, 'start-1', 750);
    assertReplay(first, again);
    assert.equal(await runCount(api), 1);

    // The same JSON written differently is the same call.
    const compact = await api.call<RunAnswer>({
      method: 'POST',
      url: '/api/v1/workflows/triage/runs',
      headers: { ...keyed('start-2'), 'content-type': 'application/json' },
      payload: '{"input":{"amount":5}}',
    });
    assert.equal(compact.status, 202, compact.text);
    const same = await api.call<RunAnswer>({
      method: 'POST',
      url: '/api/v1/workflows/triage/runs',
      headers: { ...keyed('start-2'), 'content-type': 'application/json' },
      payload: '{ "input" : { "amount" : 5.0 } }',
    });
    assertReplay(compact, same);

    const unkeyed = await api.post<RunAnswer>('/api/v1/workflows/triage/runs', { input: { amount: 750 } });
    assert.equal(unkeyed.status, 202, 'without a key every call runs');
    assert.equal(await runCount(api), 3);
  } finally {
    await api.close();
  }
});

test('the same key with another body, or on another route, is refused with 422 idempotency_key_reused and runs nothing', async () => {
  const api = await startApi();
  try {
    await api.postYaml('/api/v1/apply', `${TRIAGE_YAML}\n---\nkind: Workflow\nid: other\ntrigger: { type: manual }\nsteps:\n  - { id: done, type: end, outcome: Done }\n`);
    assert.equal((await invoke(api, 'reuse', 750)).status, 202);
    const otherBody = await invoke(api, 'reuse', 751);
    assert.equal(otherBody.status, 422, otherBody.text);
    const error = (otherBody as unknown as ApiResponse<ErrorBody>).body.error;
    assert.equal(error.code, 'idempotency_key_reused');
    assert.equal(error.path, 'headers.Idempotency-Key');
    assert.match(error.message, /POST \/api\/v1\/workflows\/:id\/runs/);
    const otherWorkflow = await api.call<ErrorBody>({ method: 'POST', url: '/api/v1/workflows/other/runs', headers: keyed('reuse'), payload: { input: { amount: 750 } } });
    assert.equal(otherWorkflow.status, 422);
    assert.equal(await runCount(api), 1);
    assert.equal(await runCount(api, 'other'), 0);
  } finally {
    await api.close();
  }
});

test('keys belong to the caller: another user with the same key gets a run of their own', async () => {
  const api = await startApi({ auth: 'required' });
  try {
    const admin = await userWithKey(api.t.system.app, 'ops@example.com', [Role.admin]);
    const other = await userWithKey(api.t.system.app, 'other@example.com', [Role.editor]);
    const applied = await api.call({ method: 'POST', url: '/api/v1/apply', headers: { ...bearer(admin.key), 'content-type': 'application/yaml' }, payload: TRIAGE_YAML });
    assert.equal(applied.status, 200, applied.text);
    const mine = await invoke(api, 'shared-key', 750, bearer(admin.key));
    const theirs = await invoke(api, 'shared-key', 750, bearer(other.key));
    assert.equal(mine.status, 202, mine.text);
    assert.equal(theirs.status, 202, theirs.text);
    assert.equal(theirs.headers['idempotent-replayed'], undefined);
    assert.notEqual(mine.body.run.id, theirs.body.run.id);
    assertReplay(mine, await invoke(api, 'shared-key', 750, bearer(admin.key)));
    assert.equal(await runCount(api), 2);

    // A call refused by authentication claims nothing.
    const unauthenticated = await invoke(api, 'fresh-key', 750);
    assert.equal(unauthenticated.status, 401);
    const later = await invoke(api, 'fresh-key', 750, bearer(admin.key));
    assert.equal(later.status, 202, later.text);
    assert.equal(later.headers['idempotent-replayed'], undefined);
  } finally {
    await api.close();
  }
});

test('a request refused before it started leaves the key free; a bad key is a coded 400', async () => {
  const api = await startApi();
  try {
    await api.postYaml('/api/v1/apply', TRIAGE_YAML);
    const badBody = await api.call<ErrorBody>({ method: 'POST', url: '/api/v1/workflows/triage/runs', headers: keyed('k1'), payload: { input: { amount: 1 }, extra: true } });
    assert.equal(badBody.status, 400);
    assert.equal(badBody.body.error.code, 'request_invalid');
    const fixed = await invoke(api, 'k1', 1);
    assert.equal(fixed.status, 202, `the key was not spent by the refused call: ${fixed.text}`);

    for (const key of ['', ' ', 'x'.repeat(256), 'naïve-key']) {
      const refused = await api.call<ErrorBody>({ method: 'POST', url: '/api/v1/workflows/triage/runs', headers: keyed(key), payload: { input: { amount: 1 } } });
      assert.equal(refused.status, 400, `key ${JSON.stringify(key.slice(0, 20))}: ${refused.text}`);
      assert.equal(refused.body.error.code, 'idempotency_key_invalid');
      assert.equal(refused.body.error.path, 'headers.Idempotency-Key');
    }
    assert.equal((await invoke(api, 'x'.repeat(255), 1)).status, 202, '255 characters are allowed');
    assert.equal(await runCount(api), 2);
  } finally {
    await api.close();
  }
});

test('a coded refusal from the route is the answer: it is replayed, not run again', async () => {
  const api = await startApi();
  try {
    await api.postYaml('/api/v1/apply', TRIAGE_YAML);
    const refused = await api.call<ErrorBody>({ method: 'POST', url: '/api/v1/workflows/triage/runs', headers: keyed('needs-amount'), payload: { input: {} } });
    assert.equal(refused.status, 400, refused.text);
    assertReplay(refused, await api.call<ErrorBody>({ method: 'POST', url: '/api/v1/workflows/triage/runs', headers: keyed('needs-amount'), payload: { input: {} } }));
    const missing = await api.call<ErrorBody>({ method: 'POST', url: '/api/v1/workflows/nope/runs', headers: keyed('nope') });
    assert.equal(missing.status, 404);
    assertReplay(missing, await api.call<ErrorBody>({ method: 'POST', url: '/api/v1/workflows/nope/runs', headers: keyed('nope') }));
  } finally {
    await api.close();
  }
});

test('while the first call runs a repeat gets 409 idempotency_key_in_use; once its process is presumed dead, 409 idempotency_key_outcome_unknown; never a run', async () => {
  const clock = new ManualClock(new Date('2026-03-01T10:00:00Z'));
  const api = await startApi({ clock });
  try {
    await api.postYaml('/api/v1/apply', TRIAGE_YAML);
    const first = await invoke(api, 'mid-call', 750);
    assert.equal(first.status, 202);
    // What a call leaves when its process dies after the work and before its answer is saved.
    await inspectDatabase(api.t.system.store)
      .updateTable('idempotency_keys')
      .set({ state: 'in_flight', response_status: null, response_type: null, response_body: null, finished_at: null })
      .where('idempotency_key', '=', 'mid-call')
      .execute();
    const runsBefore = await runCount(api);

    const inUse = await invoke(api, 'mid-call', 750);
    assert.equal(inUse.status, 409, inUse.text);
    assert.equal((inUse as unknown as ApiResponse<ErrorBody>).body.error.code, 'idempotency_key_in_use');

    clock.advance(IDEMPOTENCY_IN_FLIGHT_MS);
    const unknown = await invoke(api, 'mid-call', 750);
    assert.equal(unknown.status, 409, unknown.text);
    const error = (unknown as unknown as ApiResponse<ErrorBody>).body.error;
    assert.equal(error.code, 'idempotency_key_outcome_unknown');
    assert.match(error.message, /before retrying with a new key/);
    assert.equal(runsBefore, 1);
    assert.equal(await runCount(api), runsBefore, 'the key was never run again');

    // Kept 24 hours, then forgotten: the key runs as a new one.
    clock.advance(IDEMPOTENCY_KEEP_MS - IDEMPOTENCY_IN_FLIGHT_MS);
    assert.equal((await invoke(api, 'mid-call', 750)).status, 409, 'still kept at 24 hours');
    clock.advance(2);
    const fresh = await invoke(api, 'mid-call', 750);
    assert.equal(fresh.status, 202, fresh.text);
    assert.equal(fresh.headers['idempotent-replayed'], undefined);
  } finally {
    await api.close();
  }
});

test('a call that ends in a server error leaves its outcome unknown: 409 idempotency_key_outcome_unknown, never run again under the key', async () => {
  const api = await startApi();
  const db = inspectDatabase(api.t.system.store);
  try {
    await api.postYaml('/api/v1/apply', TRIAGE_YAML);
    // The database fails the run's insert: the kind of error after which nobody knows what was written.
    await sql`ALTER TABLE runs RENAME TO runs_away`.execute(db);
    const failed = await invoke(api, 'broken', 750);
    await sql`ALTER TABLE runs_away RENAME TO runs`.execute(db);
    assert.equal(failed.status, 500, failed.text);

    const again = await invoke(api, 'broken', 750);
    assert.equal(again.status, 409, again.text);
    assert.equal((again as unknown as ApiResponse<ErrorBody>).body.error.code, 'idempotency_key_outcome_unknown');
    assert.equal(await runCount(api), 0);
    assert.equal((await invoke(api, 'a-new-key', 750)).status, 202, 'a new key runs');
  } finally {
    await api.close();
  }
});

test('many simultaneous calls with one key start one run; each gets the answer, a replay, or 409 in use', async () => {
  const api = await startApi();
  try {
    await api.postYaml('/api/v1/apply', TRIAGE_YAML);
    const answers = await Promise.all(Array.from({ length: 12 }, () => invoke(api, 'burst', 750)));
    assert.equal(await runCount(api), 1);
    const fresh = answers.filter((answer) => answer.status === 202 && answer.headers['idempotent-replayed'] === undefined);
    assert.equal(fresh.length, 1, 'one call did the work');
    for (const answer of answers) {
      if (answer.status === 202) assert.equal(answer.text, fresh[0]!.text);
      else assert.equal((answer as unknown as ApiResponse<ErrorBody>).body.error.code, 'idempotency_key_in_use', answer.text);
    }
  } finally {
    await api.close();
  }
});

test('approval decide, request submit and request cancel replay their first answer', async () => {
  const api = await startApi();
  try {
    await api.postYaml('/api/v1/apply', CATALOG_YAML);
    const submit = () =>
      api.call<{ request: RequestBody; run: RunBody }>({
        method: 'POST',
        url: '/api/v1/catalog/offerings/refund/requests',
        headers: keyed('submit-1'),
        payload: { values: GOOD_REFUND, requester: 'casey@example.com' },
      });
    const submitted = await submit();
    assert.equal(submitted.status, 201, submitted.text);
    assertReplay(submitted, await submit());
    assert.equal((await api.t.system.app.requests.list({ limit: 10 })).requests.length, 1, 'one request');

    await api.t.waitForRun(submitted.body.run.id, { untilStatus: 'waiting' });
    const tasks = await api.get<{ approvals: ApprovalTaskBody[] }>('/api/v1/approvals?status=pending');
    const task = tasks.body.approvals.find((candidate) => candidate.run === submitted.body.run.id);
    assert.ok(task);
    const decide = () => api.call({ method: 'POST', url: `/api/v1/approvals/${task.id}/decide`, headers: keyed('decide-1'), payload: { decision: 'approved', by: 'cam@example.com' } });
    const decided = await decide();
    assert.equal(decided.status, 200, decided.text);
    assertReplay(decided, await decide());
    const unkeyed = await api.post<ErrorBody>(`/api/v1/approvals/${task.id}/decide`, { decision: 'approved', by: 'cam@example.com' });
    assert.equal(unkeyed.status, 409, 'without the key the second decision is refused');

    const second = await api.call<{ request: RequestBody; run: RunBody }>({
      method: 'POST',
      url: '/api/v1/catalog/offerings/refund/requests',
      headers: keyed('submit-2'),
      payload: { values: GOOD_REFUND, requester: 'casey@example.com' },
    });
    const cancel = () => api.call({ method: 'POST', url: `/api/v1/requests/${second.body.request.id}/cancel`, headers: keyed('cancel-request-1') });
    const cancelled = await cancel();
    assert.equal(cancelled.status, 200, cancelled.text);
    assertReplay(cancelled, await cancel());
  } finally {
    await api.close();
  }
});

test('run retry and run cancel replay their first answer instead of acting again', async () => {
  const api = await startApi();
  try {
    await api.postYaml('/api/v1/apply', [await flakyWorkflow(), SLOW_WORKFLOW].join('---\n'));
    const flaky = await api.post<RunAnswer>('/api/v1/workflows/flaky/runs');
    await api.t.waitForRun(flaky.body.run.id);
    const retry = () => api.call<RunAnswer>({ method: 'POST', url: `/api/v1/runs/${flaky.body.run.id}/retry`, headers: keyed('retry-1') });
    const retried = await retry();
    assert.equal(retried.status, 200, retried.text);
    assert.equal(retried.body.run.retry_generation, 1);
    await api.t.waitForRun(flaky.body.run.id);
    assertReplay(retried, await retry());
    const run = await api.t.system.store.getRun(flaky.body.run.id);
    assert.equal(run?.retryGeneration, 1, 'retried once');

    const slow = await api.post<RunAnswer>('/api/v1/workflows/slow/runs');
    await api.t.waitForRun(slow.body.run.id, { untilStatus: 'waiting' });
    const cancel = () => api.call<RunAnswer>({ method: 'POST', url: `/api/v1/runs/${slow.body.run.id}/cancel`, headers: keyed('cancel-1') });
    const cancelled = await cancel();
    assert.equal(cancelled.status, 200, cancelled.text);
    assertReplay(cancelled, await cancel());
  } finally {
    await api.close();
  }
});

test('publish, apply, template use, a backtest and delegations replay their first answer instead of acting again', async () => {
  const api = await startApi();
  const keyedPost = <T>(url: string, key: string, payload?: object) => api.call<T>({ method: 'POST', url, headers: keyed(key), ...(payload === undefined ? {} : { payload }) });
  try {
    const applyTwice = () => api.call({ method: 'POST', url: '/api/v1/apply?draft=true', headers: keyed('apply-1', { 'content-type': 'application/yaml' }), payload: TRIAGE_YAML });
    const applied = await applyTwice();
    assert.equal(applied.status, 200, applied.text);
    assert.match(applied.text, /"action":"drafted"/);
    assertReplay(applied, await applyTwice());

    const publish = () => keyedPost('/api/v1/workflows/triage/publish', 'publish-1', { annotation: 'first' });
    const published = await publish();
    assert.equal(published.status, 201, published.text);
    assertReplay(published, await publish());
    assert.equal((await api.t.system.store.getWorkflow('triage'))?.latestVersion, 1, 'published once');

    const useTemplate = () => keyedPost('/api/v1/templates/personalize-orders/use', 'use-1', { workflow_id: 'notes' });
    const used = await useTemplate();
    assert.equal(used.status, 201, used.text);
    assertReplay(used, await useTemplate());

    const backtest = () => keyedPost<{ backtest: { id: string } }>('/api/v1/backtests', 'backtest-1', { definition: { kind: 'Workflow', id: 'bt', trigger: { type: 'event', event: 'charge.refunded' }, steps: [{ id: 'done', type: 'end' }] }, since: '1d' });
    const started = await backtest();
    assert.equal(started.status, 202, started.text);
    assertReplay(started, await backtest());

    const at = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();
    const away = { delegate: 'bo@example.com', starts_at: at(1), ends_at: at(2), by: 'ava@example.com' };
    const delegate = () => keyedPost<{ delegation: { id: string; state: string } }>('/api/v1/approvals/delegations', 'delegate-1', away);
    const delegated = await delegate();
    assert.equal(delegated.status, 201, delegated.text);
    assert.equal(delegated.body.delegation.state, 'upcoming', 'the answer names the delegation and its state, to end it by');
    assertReplay(delegated, await delegate());
    const mine = await api.get<{ delegations: unknown[] }>('/api/v1/approvals/delegations?as=ava@example.com');
    assert.equal(mine.body.delegations.length, 1, 'one delegation made');
    const end = () => keyedPost(`/api/v1/approvals/delegations/${delegated.body.delegation.id}/end`, 'end-1', { by: 'ava@example.com' });
    const ended = await end();
    assert.equal(ended.status, 200, ended.text);
    assertReplay(ended, await end());
  } finally {
    await api.close();
  }
});
