// The approvals inbox reads the tasks naming a person through an index
// (approval_task_approvers, migration 0018) with its LIMIT in SQL: a person
// sees every task of theirs however many newer tasks others have, and every
// write to a task (opening, deciding, settling, reassigning, run-end
// cancellation) keeps what the inbox reads in step with the task.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { authorityFactsLoader } from '../../src/approvals/authority-facts.ts';
import { ApprovalStatus } from '../../src/core/statuses.ts';
import type { NewApprovalTask } from '../../src/store/approval-records.ts';
import { approvalListQuery, type ApprovalListFilter } from '../../src/store/approval-list-query.ts';
import { inspectDatabase, inspectTransaction } from '../../src/store/inspect.ts';
import { openStore } from '../../src/store/open-store.ts';
import { cancelPendingApprovals } from '../../src/store/run-end/approval-tasks-cancelled.ts';
import type { SqlStore } from '../../src/store/sql-store.ts';
import { StatementCounter } from '../../src/store/statement-counter.ts';
import { queryPlan } from '../support/query-plan.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

const base = Date.parse('2026-03-01T10:00:00Z');
const minute = 60_000;

function newTask(id: string, approvers: string[], createdAt: number, extra: Partial<NewApprovalTask> = {}): NewApprovalTask {
  return {
    id,
    runId: `run_${id}`,
    stepPath: 'sign_off',
    visit: 1,
    workflowId: 'payouts',
    title: `Sign off ${id}`,
    assigneeTeam: null,
    approvers,
    quorum: 'any',
    requireCommentOnReject: false,
    form: null,
    requestId: null,
    requester: null,
    dueAt: null,
    createdAt: new Date(createdAt),
    stake: null,
    leadsTo: null,
    ...extra,
  };
}

void describe('the approvals inbox: every task of a person, from an index, newest first', () => {
  let database: TestDatabase;
  let store: SqlStore;
  const ids = (tasks: { id: string }[]) => tasks.map((task) => task.id);
  const inbox = (filter: Omit<ApprovalListFilter, 'limit'> & { limit?: number }) => store.approvals.list({ limit: 50, ...filter }).then(ids);

  before(async () => {
    database = await createTestDatabase();
    store = await openStore({ databaseUrl: database.databaseUrl, sqliteFile: database.sqliteFile, sqliteSynchronous: 'NORMAL' });
  });
  after(async () => {
    await store.close();
    await database.drop();
  });

  void it('shows a person their one task older than 1,100 newer pending tasks of another team', async () => {
    await store.approvals.open(newTask('apt_xavier', ['xavier@team-b.example'], base));
    // Team A's tasks are planted as copies of that row, in bulk.
    const db = inspectDatabase(store);
    const template = await db.selectFrom('approval_tasks').selectAll().where('id', '=', 'apt_xavier').executeTakeFirstOrThrow();
    const rows = Array.from({ length: 1100 }, (_, n) => {
      const id = `apt_a${String(n).padStart(4, '0')}`;
      return { ...template, id, run_id: `run_${id}`, assignee_team: 'team-a', approvers: JSON.stringify(['ann@team-a.example', 'al@team-a.example']), created_at: base + (n + 1) * minute };
    });
    for (let from = 0; from < rows.length; from += 100) await db.insertInto('approval_tasks').values(rows.slice(from, from + 100)).execute();

    assert.deepEqual(await inbox({ status: ApprovalStatus.pending, approver: 'xavier@team-b.example' }), ['apt_xavier']);
    assert.deepEqual(await inbox({ approver: 'xavier@team-b.example' }), ['apt_xavier'], 'without a status too');
    assert.deepEqual(await inbox({ status: ApprovalStatus.pending, approver: 'ann@team-a.example', limit: 3 }), ['apt_a1099', 'apt_a1098', 'apt_a1097']);
    assert.deepEqual(await inbox({ status: ApprovalStatus.pending, limit: 2 }), ['apt_a1099', 'apt_a1098'], 'without an approver: every task');
    assert.deepEqual(await inbox({ status: ApprovalStatus.pending, approver: 'nobody@example.com' }), []);
  });

  void it('keeps the inbox in step with opening, deciding, settling, reassigning and the run ending', async () => {
    const at = base - 10 * minute;
    const open = (id: string, approvers: string[], offset: number) => store.approvals.open(newTask(id, approvers, at + offset * minute));
    await open('apt_decided', ['dee@example.com', 'eve@example.com'], 1);
    await open('apt_settled', ['dee@example.com'], 2);
    await open('apt_moved', ['dee@example.com'], 3);
    await open('apt_cancelled', ['dee@example.com'], 4);
    const again = await open('apt_decided', ['someone@example.com'], 9);
    assert.equal(again.created, false, 'opening a task twice changes nothing');
    assert.deepEqual(await inbox({ status: ApprovalStatus.pending, approver: 'dee@example.com' }), ['apt_cancelled', 'apt_moved', 'apt_settled', 'apt_decided']);

    const now = new Date(at + 5 * minute);
    await store.approvals.decide({
      decision: { taskId: 'apt_decided', userEmail: 'eve@example.com', onBehalfOf: null, decision: 'approved', comment: null, values: null },
      now,
      resolve: () => ({ decision: 'approved', comment: null, by: 'eve@example.com', at: now.toISOString() }),
    });
    await store.approvals.settle('apt_settled', { decision: 'timed_out', comment: null, by: null, at: now.toISOString() }, ApprovalStatus.timedOut);
    await store.approvals.reassign('apt_moved', { team: 'ops', approvers: ['fay@example.com'], dueAt: null });
    await inspectTransaction(store, (trx) =>
      cancelPendingApprovals({ trx, capabilities: store.capabilities }, { runId: 'run_apt_cancelled', end: { status: 'failed', outcome: null, error: null, failedStep: null }, requestId: null, parent: null, hadApprovalTasks: true, at: now }),
    );

    assert.deepEqual(await inbox({ status: ApprovalStatus.pending, approver: 'dee@example.com' }), []);
    assert.deepEqual(await inbox({ approver: 'dee@example.com' }), ['apt_cancelled', 'apt_settled', 'apt_decided'], 'every status, newest first; the moved task left');
    assert.deepEqual(await inbox({ status: ApprovalStatus.approved, approver: 'dee@example.com' }), ['apt_decided']);
    assert.deepEqual(await inbox({ status: ApprovalStatus.approved, approver: 'eve@example.com' }), ['apt_decided']);
    assert.deepEqual(await inbox({ status: ApprovalStatus.timedOut, approver: 'dee@example.com' }), ['apt_settled']);
    assert.deepEqual(await inbox({ status: ApprovalStatus.cancelled, approver: 'dee@example.com' }), ['apt_cancelled']);
    assert.deepEqual(await inbox({ status: ApprovalStatus.pending, approver: 'fay@example.com' }), ['apt_moved']);
  });

  void it('breaks ties on the creation time by id, and leaves out what the person requested before the limit', async () => {
    const at = base - 20 * minute;
    for (const [id, requester] of [['apt_tie_a', 'gus@example.com'], ['apt_tie_b', null], ['apt_tie_c', 'hal@example.com'], ['apt_tie_d', 'gus@example.com']] as const) {
      await store.approvals.open(newTask(id, ['ivy@example.com'], at, { requester }));
    }
    assert.deepEqual(await inbox({ status: ApprovalStatus.pending, approver: 'ivy@example.com' }), ['apt_tie_d', 'apt_tie_c', 'apt_tie_b', 'apt_tie_a']);
    assert.deepEqual(await inbox({ status: ApprovalStatus.pending, approver: 'ivy@example.com', notRequestedBy: 'gus@example.com', limit: 2 }), ['apt_tie_c', 'apt_tie_b']);
  });

  void it('pages after a task by its creation time and id: tasks opened in the same millisecond are neither skipped nor repeated', async () => {
    const after = (id: string) => ({ createdAt: base - 20 * minute, id });
    assert.deepEqual(await inbox({ status: ApprovalStatus.pending, approver: 'ivy@example.com', after: after('apt_tie_c'), limit: 3 }), ['apt_tie_b', 'apt_tie_a']);
    assert.deepEqual(await inbox({ status: ApprovalStatus.pending, after: after('apt_tie_c'), limit: 3 }), ['apt_tie_b', 'apt_tie_a'], 'without an approver too');
    assert.deepEqual(await inbox({ approver: 'ivy@example.com', after: after('apt_tie_d'), limit: 1 }), ['apt_tie_c']);
    assert.deepEqual(await inbox({ status: ApprovalStatus.pending, after: after('apt_tie_a') }), [], 'nothing is older');
  });

  void it("keeps one team's or one workflow's tasks", async () => {
    assert.deepEqual(await inbox({ status: ApprovalStatus.pending, team: 'team-a', limit: 2 }), ['apt_a1099', 'apt_a1098']);
    assert.deepEqual(await inbox({ status: ApprovalStatus.pending, approver: 'ann@team-a.example', team: 'team-a', workflowId: 'payouts', limit: 1 }), ['apt_a1099']);
    assert.deepEqual(await inbox({ status: ApprovalStatus.pending, approver: 'xavier@team-b.example', team: 'team-a' }), []);
    assert.deepEqual(await inbox({ status: ApprovalStatus.pending, approver: 'xavier@team-b.example', workflowId: 'payouts' }), ['apt_xavier']);
    assert.deepEqual(await inbox({ workflowId: 'refunds' }), []);
  });

  void it('judges whether the viewer may decide a page of tasks of 50 runs in a few statements, none per run', async () => {
    const statements = new StatementCounter();
    const counted = await openStore({ databaseUrl: database.databaseUrl, sqliteFile: database.sqliteFile, sqliteSynchronous: 'NORMAL', statementCounter: statements });
    try {
      const page = await counted.approvals.list({ status: ApprovalStatus.pending, approver: 'ann@team-a.example', limit: 50 });
      assert.equal(new Set(page.map((task) => task.runId)).size, 50);
      statements.reset();
      const factsOf = await authorityFactsLoader({ approvals: counted.approvals, store: counted }, page);
      assert.ok(page.every((task) => factsOf(task).publishedBy === null));
      assert.ok(statements.total <= 6, `${statements.total} statements: ${JSON.stringify(statements.breakdown())}`);
    } finally {
      await counted.close();
    }
  });

  void it('each listing walks its index in order (no sort of every matching row)', async () => {
    const shapes: { filter: ApprovalListFilter; index: string }[] = [
      { filter: { status: ApprovalStatus.pending, approver: 'ann@team-a.example', notRequestedBy: 'ann@team-a.example', limit: 50 }, index: 'approval_task_approvers_by_status' },
      { filter: { approver: 'ann@team-a.example', limit: 200 }, index: 'approval_task_approvers_by_created' },
      { filter: { status: ApprovalStatus.pending, limit: 50 }, index: 'approval_tasks_by_status' },
      { filter: { limit: 50 }, index: 'approval_tasks_by_created' },
      // A team's or a workflow's, from a page on: the same indexes, filtered as they are walked.
      { filter: { status: ApprovalStatus.pending, team: 'team-a', workflowId: 'payouts', after: { createdAt: base + 500 * minute, id: 'apt_a0499' }, limit: 51 }, index: 'approval_tasks_by_status' },
      { filter: { status: ApprovalStatus.pending, approver: 'ann@team-a.example', team: 'team-a', after: { createdAt: base + 500 * minute, id: 'apt_a0499' }, limit: 51 }, index: 'approval_task_approvers_by_status' },
      { filter: { team: 'team-a', limit: 51 }, index: 'approval_tasks_by_created' },
    ];
    for (const { filter, index } of shapes) {
      const plan = await queryPlan(store, database.dialect, approvalListQuery(inspectDatabase(store), filter).compile());
      assert.match(plan, new RegExp(`\\b${index}\\b`), `${JSON.stringify(filter)} reads ${index}:\n${plan}`);
      assert.doesNotMatch(plan, /TEMP B-TREE|\bSort\b/, `${JSON.stringify(filter)} sorts:\n${plan}`);
    }
  });

});
