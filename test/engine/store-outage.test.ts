// Item 4 of issue 7: a database outage (a dropped connection, a busy SQLite
// file) never fails a run. Named fault points throw the drivers' own errors at
// a journal read, at commit and at claim; the runs still succeed, each side
// effect happens once, and no step records `internal_error`.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { invokeWorkflow } from '../../src/application/run-admin.ts';
import { StoreUnavailableError } from '../../src/core/errors.ts';
import { FaultPoint, FaultPoints } from '../../src/core/fault-points.ts';
import { inspectDatabase } from '../../src/store/inspect.ts';
import type { StepCommit } from '../../src/store/records.ts';
import { startCountingServer } from '../support/counting-server.ts';
import { connectionLost, databaseGoingAway } from '../support/driver-errors.ts';
import { createTestSystem, type TestSystem } from '../support/test-system.ts';
import { twoCallsWorkflow } from '../support/two-calls-workflow.ts';

const ITEMS = ['a', 'b', 'c', 'd'];

const workflows = (url: string) => `
kind: Workflow
id: refund-each
trigger: { type: manual }
steps:
  - id: each
    type: foreach
    items: '${JSON.stringify(ITEMS)}'
    as: item
    concurrency: 2
    steps:
      - id: refund
        type: action
        uses: http.request
        with: { method: POST, url: "${url}/refund/{{ item }}", body: { run: "{{ run.id }}" } }
  - id: confirm
    type: action
    uses: http.request
    with: { method: POST, url: "${url}/confirm", body: { run: "{{ run.id }}" } }
---
${twoCallsWorkflow(url)}`;

void describe('a database outage leaves the step to run again, never fails the run', () => {
  const faults = new FaultPoints();
  let t: TestSystem;
  let counter: Awaited<ReturnType<typeof startCountingServer>>;
  before(async () => {
    t = await createTestSystem({ faults });
    counter = await startCountingServer();
    await t.apply(workflows(counter.url));
  });
  after(async () => {
    await t.close();
    await counter.close();
  });

  /** Requests the counting server saw for this run, by path. */
  function callsOf(runId: string): Map<string, number> {
    const calls = new Map<string, number>();
    for (const request of counter.requests) {
      if ((JSON.parse(request.body) as { run: string }).run !== runId) continue;
      calls.set(request.path, (calls.get(request.path) ?? 0) + 1);
    }
    return calls;
  }

  async function assertCleanJournal(runId: string): Promise<void> {
    const attempts = await t.system.store.listAttempts(runId);
    const errors = attempts.flatMap((attempt) => (attempt.error ? [`${attempt.stepPath}: ${attempt.error.code}`] : []));
    assert.deepEqual(errors, [], 'no step recorded an error');
  }

  void it('a connection lost on journal reads: the run succeeds and each refund is sent once', async () => {
    // The first journal reads fail: those of the iterations before they run, and the foreach's own as it is woken.
    faults.arm(FaultPoint.storeJournalRead, { act: () => { throw connectionLost(t.database.dialect); }, times: 3 });
    const run = await invokeWorkflow(t.system.app, { workflowId: 'refund-each', input: {} });
    const finished = await t.waitForRun(run.id, { timeoutMs: 60_000 }).finally(() => faults.disarm(FaultPoint.storeJournalRead));
    assert.equal(finished.status, 'succeeded', `run ended ${finished.status}: ${JSON.stringify(finished.error)}`);
    assert.equal(finished.error, null);
    assert.equal(faults.hits(FaultPoint.storeJournalRead), 3, 'the fault point fired');
    assert.deepEqual(
      callsOf(run.id),
      new Map([...ITEMS.map((item) => [`/refund/${item}`, 1] as const), ['/confirm', 1]]),
      'each side effect happened once',
    );
    await assertCleanJournal(run.id);
  });

  void it('a connection lost at commit: the results are written when the database is back, nothing runs twice', async () => {
    faults.arm(FaultPoint.storeCommit, { act: () => { throw databaseGoingAway(t.database.dialect); }, times: 3 });
    const run = await invokeWorkflow(t.system.app, { workflowId: 'two-calls', input: {} });
    const finished = await t.waitForRun(run.id, { timeoutMs: 60_000 }).finally(() => faults.disarm(FaultPoint.storeCommit));
    assert.equal(finished.status, 'succeeded', `run ended ${finished.status}: ${JSON.stringify(finished.error)}`);
    assert.equal(faults.hits(FaultPoint.storeCommit), 3, 'the fault point fired');
    assert.deepEqual(callsOf(run.id), new Map([['/first', 1], ['/second', 1]]), 'each side effect happened once');
    const attempts = await t.system.store.listAttempts(run.id);
    assert.deepEqual(attempts.map((attempt) => [attempt.stepPath, attempt.attempt, attempt.status]), [
      ['first', 1, 'succeeded'],
      ['second', 1, 'succeeded'],
    ]);
  });

  void it('a failed commit writes nothing of its batch and says store_unavailable', async () => {
    const { store } = t.system;
    await t.system.worker.stop();
    try {
      const run = await invokeWorkflow(t.system.app, { workflowId: 'two-calls', input: {} });
      const now = t.clock.now();
      const [work] = (await store.claimWork({ owner: 'test', limit: 1, leaseMs: 60_000, now })).work;
      assert.ok(work, 'the first step was claimed');
      faults.arm(FaultPoint.storeCommit, { act: () => { throw connectionLost(t.database.dialect); }, times: 1 });
      const commit: StepCommit = {
        kind: 'moved_on',
        itemId: work.itemId,
        owner: 'test',
        runId: run.id,
        attempt: { stepPath: 'first', visit: 1, attempt: 1, stepId: 'first', stepType: 'action', status: 'succeeded', input: {}, output: { status: 200 }, error: null, startedAt: now, finishedAt: now },
        assign: { target: { kind: 'run' }, values: { first: { status: 200 } } },
        cancelScope: null,
        destination: { kind: 'step', stepPath: 'second' },
      };
      await assert.rejects(store.commitSteps([commit]), (error: unknown) => error instanceof StoreUnavailableError && error.code === 'store_unavailable');
      assert.deepEqual(await store.listAttempts(run.id), [], 'no journal row was written');
      assert.equal((await store.getRun(run.id))?.variables.first, undefined, 'no variable was written');
      const items = await inspectDatabase(store).selectFrom('work_items').select(['step_path', 'lease_owner']).where('run_id', '=', run.id).execute();
      assert.deepEqual(items, [{ step_path: 'first', lease_owner: 'test' }], 'the step is still leased, the next one not queued');
      const [outcome] = await store.commitSteps([commit]);
      assert.equal(outcome?.result, 'applied', 'the same commit goes through once the database is back');
    } finally {
      faults.disarm(FaultPoint.storeCommit);
      await t.system.worker.start();
    }
  });

  void it('a failing claim: the worker survives and backs off, then runs the work', async () => {
    faults.arm(FaultPoint.storeClaim, { act: () => { throw connectionLost(t.database.dialect); } });
    const run = await invokeWorkflow(t.system.app, { workflowId: 'two-calls', input: {} });
    // With the worker polling every 20 ms, a second of failures would be ~50 claims; backing off from 100 ms doubling, at most 5.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const hits = faults.hits(FaultPoint.storeClaim);
    faults.disarm(FaultPoint.storeClaim);
    assert.ok(hits >= 1, 'the worker tried to claim');
    assert.ok(hits <= 6, `the worker backed off (${hits} claims in a second)`);
    t.system.worker.wake();
    const finished = await t.waitForRun(run.id, { timeoutMs: 60_000 });
    assert.equal(finished.status, 'succeeded');
    assert.deepEqual(callsOf(run.id), new Map([['/first', 1], ['/second', 1]]));
  });
});
