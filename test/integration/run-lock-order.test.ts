// Every writer of a run takes the run's row lock before its work items. A
// step's commit does (run, then work item); an approval decision used to take
// the work item first (waking the step) and the run second, so the two
// deadlocked on PostgreSQL and the decision failed with store_unavailable.
// Here another transaction holds the run's lock as a commit would, the
// decision starts, and only then does that transaction touch the work items,
// or (as a run's end does) the run's approval tasks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { invokeWorkflow } from '../../src/application/run-admin.ts';
import { decideApproval } from '../../src/approvals/decide-approval.ts';
import { createTestSystem, type TestSystem } from '../support/test-system.ts';
import { pollUntil } from '../support/poll-until.ts';
import { SIGN_OFF_WORKFLOW } from '../support/sign-off-workflow.ts';

const definitions = SIGN_OFF_WORKFLOW;

const onPostgres = process.env.TOLLGATE_TEST_DIALECT === 'postgres';

/**
 * A run waiting on its approval, another transaction (`other`) holding the run's row lock as a step commit
 * would, and the task's decision started and waiting for a lock. `before` runs in `other` before it locks.
 * Returns the decision, settled as 'decided' or with its error.
 */
async function decisionWaitingForRun(t: TestSystem, other: pg.Client, before?: (runId: string) => Promise<unknown>): Promise<{ runId: string; decided: Promise<unknown> }> {
  await t.apply(definitions);
  const run = await invokeWorkflow(t.system.app, { workflowId: 'approve', input: {} });
  await t.waitForRun(run.id, { untilStatus: 'waiting' });
  const [task] = await t.system.approvals.list({ runId: run.id, limit: 5 });
  assert.ok(task, 'a task was opened');
  await other.connect();
  await before?.(run.id);
  await other.query('BEGIN');
  await other.query('SELECT id FROM runs WHERE id = $1 FOR UPDATE', [run.id]);
  const decided = decideApproval({ approvals: t.system.approvals, store: t.system.store, clock: t.clock, wakeWorker: () => t.system.worker.wake() }, { taskId: task.id, by: 'fran@example.com', decision: 'approved' }).then(
    () => 'decided',
    (error: unknown) => error,
  );
  await pollUntil(
    async () => {
      // Inside its transaction `other` would see the activity as it first read it: read it afresh each time.
      await other.query('SELECT pg_stat_clear_snapshot()');
      const waiting = await other.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database() AND pid <> pg_backend_pid()`);
      return waiting.rows[0] as { n: number };
    },
    (waiting) => waiting.n > 0,
    { what: 'the decision waiting for the run lock' },
  );
  return { runId: run.id, decided };
}

/** A test system and a second connection to its database, closed after `body`. */
async function withSecondConnection(body: (t: TestSystem, other: pg.Client) => Promise<void>): Promise<void> {
  const t = await createTestSystem();
  const other = new pg.Client({ connectionString: t.database.databaseUrl });
  try {
    await body(t, other);
  } finally {
    await other.end().catch(() => undefined);
    await t.close();
  }
}

const skip = !onPostgres && 'row locks and deadlocks exist only on PostgreSQL; SQLite has one writer';

void test('an approval decided while a commit holds the run waits for it instead of deadlocking', { skip }, () =>
  withSecondConnection(async (t, other) => {
    // The approval step's work item is still queued (a late wake-up, say): waking the step updates that row.
    const { runId, decided } = await decisionWaitingForRun(t, other, (runId) =>
      other.query(`INSERT INTO work_items (id, run_id, step_path, visit, attempt, due_at, created_at) VALUES ('wi_lock_test', $1, 'sign_off', 1, 1, $2, $2)`, [runId, Date.now() + 3_600_000]),
    );
    // The commit goes on to the run's work items, then ends.
    await other.query(`UPDATE work_items SET due_at = due_at WHERE run_id = $1`, [runId]);
    await other.query('COMMIT');
    assert.equal(await decided, 'decided', 'the decision went through once the other transaction ended');
    assert.equal((await t.waitForRun(runId)).outcome, 'Approved');
  }),
);

void test("an approval decided while a commit holds the run takes none of the run's tasks before the run", { skip }, () =>
  withSecondConnection(async (t, other) => {
    const { runId, decided } = await decisionWaitingForRun(t, other);
    // A run's end goes on to cancel the run's pending tasks: none may be locked by the waiting decision.
    const tasks = await other.query('SELECT id FROM approval_tasks WHERE run_id = $1 FOR UPDATE NOWAIT', [runId]);
    assert.equal(tasks.rowCount, 1);
    await other.query('COMMIT');
    assert.equal(await decided, 'decided', 'the decision went through once the other transaction ended');
    assert.equal((await t.waitForRun(runId)).outcome, 'Approved');
  }),
);
