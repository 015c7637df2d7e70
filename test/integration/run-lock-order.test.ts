// Every writer of a run takes the run's row lock before its work items. A
// step's commit does (run, then work item); an approval decision used to take
// the work item first (waking the step) and the run second, so the two
// deadlocked on PostgreSQL and the decision failed with store_unavailable.
// Here another transaction holds the run's lock as a commit would, the
// decision starts, and only then does that transaction touch the work items.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { invokeWorkflow } from '../../src/application/run-admin.ts';
import { decideApproval } from '../../src/approvals/decide-approval.ts';
import { createTestSystem } from '../support/test-system.ts';
import { pollUntil } from '../support/poll-until.ts';

const definitions = `
kind: Team
id: finance
members: [{ email: fran@example.com }]
---
kind: Workflow
id: approve
trigger: { type: manual }
steps:
  - id: sign_off
    type: approval
    assignee: { team: finance }
    on: { approved: yes, rejected: no }
  - { id: yes, type: end, outcome: Approved }
  - { id: no, type: end, outcome: Denied }
`;

const onPostgres = process.env.TOLLGATE_TEST_DIALECT === 'postgres';

void test('an approval decided while a commit holds the run waits for it instead of deadlocking', { skip: !onPostgres && 'row locks and deadlocks exist only on PostgreSQL; SQLite has one writer' }, async () => {
  const t = await createTestSystem();
  const other = new pg.Client({ connectionString: t.database.databaseUrl });
  try {
    await t.apply(definitions);
    const run = await invokeWorkflow(t.system.app, { workflowId: 'approve', input: {} });
    await t.waitForRun(run.id, { untilStatus: 'waiting' });
    const [task] = await t.system.approvals.list({ runId: run.id, limit: 5 });
    assert.ok(task, 'a task was opened');
    // The approval step's work item is still queued (a late wake-up, say): waking the step updates that row.
    await other.connect();
    await other.query(`INSERT INTO work_items (id, run_id, step_path, visit, attempt, due_at, created_at) VALUES ('wi_lock_test', $1, 'sign_off', 1, 1, $2, $2)`, [run.id, Date.now() + 3_600_000]);

    await other.query('BEGIN');
    await other.query('SELECT id FROM runs WHERE id = $1 FOR UPDATE', [run.id]);
    const decided = decideApproval({ approvals: t.system.approvals, store: t.system.store, clock: t.clock, wakeWorker: () => t.system.worker.wake() }, { taskId: task.id, by: 'fran@example.com', decision: 'approved' }).then(
      () => 'decided',
      (error: unknown) => error,
    );
    // The decision is now waiting for a lock held by this transaction.
    await pollUntil(
      async () => (await other.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND pid <> pg_backend_pid()`)).rows[0] as { n: number },
      (waiting) => waiting.n > 0,
      { what: 'the decision waiting for the run lock' },
    );
    // The commit goes on to the run's work items, then ends.
    await other.query(`UPDATE work_items SET due_at = due_at WHERE run_id = $1`, [run.id]);
    await other.query('COMMIT');
    assert.equal(await decided, 'decided', 'the decision went through once the other transaction ended');
    const ended = await t.waitForRun(run.id);
    assert.equal(ended.outcome, 'Approved');
  } finally {
    await other.end().catch(() => undefined);
    await t.close();
  }
});
