// "A run finished" is one event (store/run-end/finish-run.ts): in the
// transaction that ends the run, its catalog request closes, its pending
// approval tasks are cancelled, and a parent run's `workflow` step that waits
// for it wakes. All of it commits with the run's end, or none of it does.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RunStatus, type FinalRunStatus } from '../../src/core/statuses.ts';
import { inspectDatabase, inspectTransaction } from '../../src/store/inspect.ts';
import { openStore } from '../../src/store/open-store.ts';
import { finishRun } from '../../src/store/run-end/finish-run.ts';
import type { SqlStore } from '../../src/store/sql-store.ts';
import { writeAttempt } from '../../src/store/step-commit/journal-row.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

const at = new Date('2026-03-01T10:00:00Z');

void describe('a run finished: its request, approval tasks and parent react in the same transaction', () => {
  let database: TestDatabase;
  let store: SqlStore;
  before(async () => {
    database = await createTestDatabase();
    store = await openStore({ databaseUrl: database.databaseUrl, sqliteFile: database.sqliteFile, sqliteSynchronous: 'NORMAL' });
  });
  after(async () => {
    await store.close();
    await database.drop();
  });

  /** A parent run parked on its `call` step, and the child run it waits for, which serves a catalog request and has approval tasks. */
  async function parentAndChild(name: string): Promise<{ parentId: string; childId: string; requestId: string }> {
    const parentId = `run_${name}_parent`;
    const childId = `run_${name}_child`;
    const requestId = `req_${name}`;
    await store.createRuns([
      { id: parentId, workflowId: 'parent', version: 1, variables: {}, trigger: { type: 'manual' }, firstStep: 'call', createdAt: at },
      { id: childId, workflowId: 'child', version: 1, variables: {}, trigger: { type: 'workflow' }, firstStep: 'sign_off', parentRunId: parentId, parentStepPath: 'call', requestId, createdAt: at },
    ]);
    const db = inspectDatabase(store);
    await db.deleteFrom('work_items').where('run_id', '=', parentId).execute();
    await writeAttempt({ trx: db, positions: new Map() }, parentId, { stepPath: 'call', visit: 1, attempt: 1, stepId: 'call', stepType: 'workflow', status: 'waiting', input: { child_run: childId }, output: null, error: null, startedAt: at, finishedAt: null });
    await db.updateTable('runs').set({ status: RunStatus.waiting }).where('id', 'in', [parentId, childId]).execute();
    const now = at.getTime();
    await db
      .insertInto('requests')
      .values({ id: requestId, service_id: 'svc', offering_id: 'offer', workflow_id: 'child', version: 1, requester: 'ann@example.com', status: 'open', outcome: null, form_values: '{}', run_id: childId, created_at: now, updated_at: now, closed_at: null })
      .execute();
    const task = { run_id: childId, visit: 1, workflow_id: 'child', title: 'Sign off', assignee_team: 'finance', approvers: '[]', quorum: 'any', require_comment_on_reject: 0, form: null, request_id: requestId, requester: null, due_at: null, outcome: null, created_at: now };
    await db
      .insertInto('approval_tasks')
      .values([
        { ...task, id: `apt_${name}_rejected`, step_path: 'first_look', status: 'rejected', decided_at: now },
        { ...task, id: `apt_${name}_pending`, step_path: 'sign_off', status: 'pending', decided_at: null },
      ])
      .execute();
    return { parentId, childId, requestId };
  }

  function endChild(ids: { parentId: string; childId: string; requestId: string }, status: FinalRunStatus) {
    return async (trx: Parameters<typeof finishRun>[0]['trx']) => {
      const end = { status, outcome: status === RunStatus.succeeded ? 'Done' : null, error: null, failedStep: null };
      // As a step commit does: whether the run had approval tasks, from its row.
      const flags = await trx.selectFrom('runs').select('has_approval_tasks').where('id', '=', ids.childId).executeTakeFirstOrThrow();
      const finished = { runId: ids.childId, end, requestId: ids.requestId, parent: { runId: ids.parentId, stepPath: 'call' }, hadApprovalTasks: flags.has_approval_tasks !== 0, at };
      await finishRun({ trx, capabilities: store.capabilities }, { finished });
    };
  }

  async function state(ids: { parentId: string; childId: string; requestId: string }) {
    const db = inspectDatabase(store);
    const request = await db.selectFrom('requests').select(['status', 'outcome', 'closed_at']).where('id', '=', ids.requestId).executeTakeFirstOrThrow();
    const tasks = await db.selectFrom('approval_tasks').select(['step_path', 'status']).where('run_id', '=', ids.childId).orderBy('step_path').execute();
    const work = await db.selectFrom('work_items').select(['run_id', 'step_path', 'resume']).where('run_id', 'in', [ids.parentId, ids.childId]).orderBy('run_id').execute();
    return {
      child: (await store.getRun(ids.childId))?.status,
      parent: (await store.getRun(ids.parentId))?.status,
      request: { status: request.status, outcome: request.outcome, closed: request.closed_at !== null },
      tasks: tasks.map((task) => [task.step_path, task.status]),
      work: work.map((item) => [item.run_id, item.step_path, item.resume === null ? null : (JSON.parse(item.resume) as unknown)]),
    };
  }

  void it('a succeeded run closes its request (rejected: its last decision said no), cancels its pending task and wakes its parent', async () => {
    const ids = await parentAndChild('ok');
    await inspectTransaction(store, endChild(ids, RunStatus.succeeded));
    assert.deepEqual(await state(ids), {
      child: 'succeeded',
      parent: 'running',
      request: { status: 'rejected', outcome: 'Done', closed: true },
      tasks: [['first_look', 'rejected'], ['sign_off', 'cancelled']],
      work: [[ids.parentId, 'call', { childRun: ids.childId }]],
    });
  });

  void it('a run is marked as having approval tasks by the insert of its first task, and only then', async () => {
    const ids = await parentAndChild('flag');
    const rows = await inspectDatabase(store).selectFrom('runs').select(['id', 'has_approval_tasks']).where('id', 'in', [ids.parentId, ids.childId]).orderBy('id').execute();
    assert.deepEqual(
      rows.map((row) => [row.id, row.has_approval_tasks]),
      [
        [ids.childId, 1],
        [ids.parentId, 0],
      ],
    );
  });

  void it('a failed run fails its request and cancels its pending approval task', async () => {
    const ids = await parentAndChild('failed');
    await inspectTransaction(store, endChild(ids, RunStatus.failed));
    const after = await state(ids);
    assert.deepEqual([after.child, after.request.status, after.tasks], ['failed', 'failed', [['first_look', 'rejected'], ['sign_off', 'cancelled']]]);
    assert.deepEqual(after.work, [[ids.parentId, 'call', { childRun: ids.childId }]], 'the child run left no work; the parent step is due');
  });

  void it('when the transaction that ends the run rolls back, nothing of the reactions stays', async () => {
    const ids = await parentAndChild('rollback');
    const before = await state(ids);
    await assert.rejects(
      inspectTransaction(store, async (trx) => {
        await endChild(ids, RunStatus.succeeded)(trx);
        throw new Error('the commit failed after the run ended');
      }),
      /the commit failed after the run ended/,
    );
    assert.deepEqual(await state(ids), before);
    assert.deepEqual(before.tasks, [['first_look', 'rejected'], ['sign_off', 'pending']]);
    assert.equal(before.request.status, 'open');
    assert.equal(before.parent, 'waiting');
  });
});
