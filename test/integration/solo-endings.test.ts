// A batch empties the queues of the runs it ends "solo" (store/step-commit/solo-commits.ts) with one
// statement, and only while the worker holds the ending step; an ending that is not solo (its run's other
// commit, its child's end, in the same batch) empties its queue as its own commit, so nothing is left behind.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AttemptStatus, RunStatus } from '../../src/core/statuses.ts';
import type { JournalAttempt, RunEnd, StepCommit } from '../../src/store/records.ts';
import { inspectDatabase } from '../../src/store/inspect.ts';
import { writeAttempt } from '../../src/store/step-commit/journal-row.ts';
import { countedStoreForSuite } from '../support/counted-store.ts';

const at = new Date('2026-03-01T10:00:00Z');
const OWNER = 'worker_solo';
const succeeded = { status: RunStatus.succeeded, outcome: 'Done', error: null, failedStep: null };

function done(stepPath: string, stepType = 'set'): JournalAttempt {
  return { stepPath, visit: 1, attempt: 1, stepId: stepPath, stepType, status: AttemptStatus.succeeded, input: null, output: null, error: null, startedAt: at, finishedAt: at };
}

void describe('a batch empties the queues of the runs it ends', () => {
  const suite = countedStoreForSuite();
  const { statements } = suite;

  /** A run at step `last`, leased to `owner`, with a second branch `waiting` queued far in the future. */
  async function runAtItsLastStep(runId: string, owner = OWNER, extra: { parentRunId?: string; parentStepPath?: string } = {}): Promise<string> {
    await suite.store.createRuns([{ id: runId, workflowId: 'w', version: 1, variables: {}, trigger: { type: 'manual' }, firstStep: 'last', createdAt: at, ...extra }]);
    const db = inspectDatabase(suite.store);
    await db.updateTable('work_items').set({ lease_owner: owner, lease_until: at.getTime() + 3_600_000 }).where('run_id', '=', runId).execute();
    const item = await db.selectFrom('work_items').select('id').where('run_id', '=', runId).executeTakeFirstOrThrow();
    await db
      .insertInto('work_items')
      .values({ id: `wi_${runId}_waiting`, run_id: runId, step_path: 'waiting', visit: 1, attempt: 1, due_at: at.getTime() + 86_400_000, lease_owner: null, lease_until: null, resume: null, created_at: at.getTime() })
      .execute();
    return item.id;
  }

  function ending(runId: string, itemId: string, stepPath = 'last'): Extract<StepCommit, { kind: 'finished' }> {
    return { kind: 'finished', itemId, owner: OWNER, runId, attempt: done(stepPath), assign: {}, end: succeeded };
  }

  async function queueOf(runId: string): Promise<string[]> {
    const items = await inspectDatabase(suite.store).selectFrom('work_items').select('step_path').where('run_id', '=', runId).orderBy('step_path').execute();
    return items.map((item) => item.step_path);
  }

  void it('ends three runs with one delete of their queues and one update of their rows', async () => {
    const [a, b, c] = ['run_solo_a', 'run_solo_b', 'run_solo_c'];
    const failure: RunEnd = { status: RunStatus.failed, outcome: null, error: { type: 'StripeCardError', code: 'card_declined', message: 'declined' }, failedStep: 'last' };
    const commits: StepCommit[] = [
      ending(a, await runAtItsLastStep(a)),
      { ...ending(b, await runAtItsLastStep(b)), assign: { tier: 'VIP' } },
      { ...ending(c, await runAtItsLastStep(c)), end: failure },
    ];
    statements.reset();
    const outcomes = await suite.store.commitSteps(commits);
    assert.deepEqual(
      outcomes.map((outcome) => outcome.result),
      ['applied', 'applied', 'applied'],
    );
    for (const runId of [a, b, c]) assert.deepEqual(await queueOf(runId), [], runId);
    const counted = (prefix: string) =>
      statements
        .breakdown()
        .filter((entry) => entry.sql.startsWith(prefix))
        .reduce((sum, entry) => sum + entry.count, 0);
    assert.equal(counted('delete from "work_items"'), 1, JSON.stringify(statements.breakdown()));
    assert.equal(counted('with ended'), 1, JSON.stringify(statements.breakdown()));
    assert.equal(counted('update "runs"'), 0, JSON.stringify(statements.breakdown()));

    const rows = await inspectDatabase(suite.store).selectFrom('runs').select(['id', 'status', 'outcome', 'error', 'failed_step', 'variables', 'finished_at', 'updated_at', 'last_position']).where('id', 'in', [a, b, c]).orderBy('id').execute();
    assert.deepEqual(
      rows.map((row) => ({ ...row, error: row.error === null ? null : (JSON.parse(row.error) as unknown), variables: JSON.parse(row.variables) as unknown, finished_at: Number(row.finished_at), updated_at: Number(row.updated_at), last_position: Number(row.last_position) })),
      [
        { id: a, status: RunStatus.succeeded, outcome: 'Done', error: null, failed_step: null, variables: {}, finished_at: at.getTime(), updated_at: at.getTime(), last_position: 1 },
        { id: b, status: RunStatus.succeeded, outcome: 'Done', error: null, failed_step: null, variables: { tier: 'VIP' }, finished_at: at.getTime(), updated_at: at.getTime(), last_position: 1 },
        { id: c, status: RunStatus.failed, outcome: null, error: failure.error, failed_step: 'last', variables: {}, finished_at: at.getTime(), updated_at: at.getTime(), last_position: 1 },
      ],
    );
    const journal = await inspectDatabase(suite.store).selectFrom('step_attempts').select(['run_id', 'position']).where('run_id', 'in', [a, b, c]).orderBy('run_id').execute();
    assert.deepEqual(
      journal.map((row) => [row.run_id, Number(row.position)]),
      [
        [a, 1],
        [b, 1],
        [c, 1],
      ],
    );
  });

  void it('leaves a run whose ending step another worker took over as it was', async () => {
    const runId = 'run_solo_lost';
    const itemId = await runAtItsLastStep(runId, 'worker_other');
    const [outcome] = await suite.store.commitSteps([ending(runId, itemId)]);
    assert.equal(outcome?.result, 'lease_lost');
    assert.deepEqual(await queueOf(runId), ['last', 'waiting']);
    assert.equal((await suite.store.getRun(runId))?.status, RunStatus.running);
    const journal = await inspectDatabase(suite.store).selectFrom('step_attempts').select('step_path').where('run_id', '=', runId).execute();
    assert.deepEqual(journal, [], 'the worker that holds the step records its attempt');
  });

  void it('ends a run that two branches end in one batch once, and leaves no queue', async () => {
    const runId = 'run_solo_twice';
    const itemId = await runAtItsLastStep(runId);
    await inspectDatabase(suite.store).updateTable('work_items').set({ lease_owner: OWNER, lease_until: at.getTime() + 3_600_000, due_at: at.getTime() }).where('id', '=', `wi_${runId}_waiting`).execute();
    const outcomes = await suite.store.commitSteps([ending(runId, itemId), ending(runId, `wi_${runId}_waiting`, 'waiting')]);
    assert.deepEqual(
      outcomes.map((outcome) => outcome.result),
      ['applied', 'run_not_active'],
    );
    assert.deepEqual(await queueOf(runId), []);
    assert.equal((await suite.store.getRun(runId))?.status, RunStatus.succeeded);
  });

  void it("ends a parent in the batch that ends its child first, and leaves nothing of the child's wake queued", async () => {
    const parentId = 'run_solo_parent';
    const childId = 'run_solo_child';
    const parentItem = await runAtItsLastStep(parentId);
    const childItem = await runAtItsLastStep(childId, OWNER, { parentRunId: parentId, parentStepPath: 'call' });
    // The parent waits on the child in its `call` step, and ends through its `last` step in the same batch.
    await writeAttempt({ trx: inspectDatabase(suite.store), positions: new Map() }, parentId, { ...done('call', 'workflow'), status: AttemptStatus.waiting, input: { child_run: childId }, finishedAt: null });
    const outcomes = await suite.store.commitSteps([ending(childId, childItem), ending(parentId, parentItem)]);
    assert.deepEqual(
      outcomes.map((outcome) => outcome.result),
      ['applied', 'applied'],
    );
    assert.deepEqual(await queueOf(parentId), [], "the child's end woke the parent's call step; the parent's end removed it");
    assert.deepEqual(await queueOf(childId), []);
    assert.equal((await suite.store.getRun(parentId))?.status, RunStatus.succeeded);
  });
});
