// A batch of step commits reads and locks its runs in one statement (store/run-lock.ts `lockRuns`). A row
// read that way serves its run's first commit only, and a child's end in the batch drops its parent's: a
// batch that ends a child and goes on with its parent leaves both as separate commits would.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AttemptStatus, RunStatus } from '../../src/core/statuses.ts';
import type { JournalAttempt } from '../../src/store/records.ts';
import { inspectDatabase } from '../../src/store/inspect.ts';
import { writeAttempt } from '../../src/store/step-commit/journal-row.ts';
import { countedStoreForSuite } from '../support/counted-store.ts';

const at = new Date('2026-03-01T10:00:00Z');
const OWNER = 'worker_batch';

function done(stepPath: string): JournalAttempt {
  return { stepPath, visit: 1, attempt: 1, stepId: stepPath, stepType: 'set', status: AttemptStatus.succeeded, input: null, output: null, error: null, startedAt: at, finishedAt: at };
}

void describe('a batch of step commits locks its runs once', () => {
  const suite = countedStoreForSuite();
  const { statements } = suite;

  /**
   * A parent waiting: its `call` step on a child run, its `other` step on a timer that is now due. The child
   * is at its last step. Both steps are leased to one worker, so their commits share a batch.
   */
  async function parentAndChild(name: string): Promise<{ parentId: string; childId: string }> {
    const parentId = `run_${name}_parent`;
    const childId = `run_${name}_child`;
    await suite.store.createRuns([
      { id: parentId, workflowId: 'parent', version: 1, variables: { seen: 'before' }, trigger: { type: 'manual' }, firstStep: 'other', createdAt: at },
      { id: childId, workflowId: 'child', version: 1, variables: {}, trigger: { type: 'workflow' }, firstStep: 'last', parentRunId: parentId, parentStepPath: 'call', createdAt: at },
    ]);
    const db = inspectDatabase(suite.store);
    await writeAttempt({ trx: db, positions: new Map() }, parentId, { ...done('call'), stepType: 'workflow', status: AttemptStatus.waiting, input: { child_run: childId }, finishedAt: null });
    await db.updateTable('work_items').set({ lease_owner: OWNER, lease_until: at.getTime() + 3_600_000 }).where('run_id', 'in', [parentId, childId]).execute();
    await db.updateTable('runs').set({ status: RunStatus.waiting }).where('id', '=', parentId).execute();
    return { parentId, childId };
  }

  async function itemOf(runId: string): Promise<string> {
    const item = await inspectDatabase(suite.store).selectFrom('work_items').select('id').where('run_id', '=', runId).executeTakeFirstOrThrow();
    return item.id;
  }

  void it("ends the child, wakes the parent's waiting step and applies the parent's own commit, child first", async () => {
    const { parentId, childId } = await parentAndChild('first');
    const [childItem, parentItem] = [await itemOf(childId), await itemOf(parentId)];
    const outcomes = await suite.store.commitSteps([
      { kind: 'finished', itemId: childItem, owner: OWNER, runId: childId, attempt: done('last'), assign: {}, end: { status: RunStatus.succeeded, outcome: 'Done', error: null, failedStep: null } },
      {
        kind: 'moved_on',
        itemId: parentItem,
        owner: OWNER,
        runId: parentId,
        attempt: done('other'),
        assign: { target: { kind: 'run' }, values: { seen: 'after' } },
        cancelScope: null,
        destination: { kind: 'step', stepPath: 'after_other' },
      },
    ]);
    assert.deepEqual(
      outcomes.map((outcome) => outcome.result),
      ['applied', 'applied'],
    );

    const db = inspectDatabase(suite.store);
    const journal = await db.selectFrom('step_attempts').select(['step_path', 'attempt', 'position']).where('run_id', '=', parentId).orderBy('position').execute();
    assert.deepEqual(
      journal.map((row) => [row.step_path, row.attempt, Number(row.position)]),
      [
        ['call', 1, 1],
        ['other', 1, 2],
      ],
    );
    const parent = await db.selectFrom('runs').select(['status', 'variables', 'last_position']).where('id', '=', parentId).executeTakeFirstOrThrow();
    assert.equal(Number(parent.last_position), 2);
    assert.equal(parent.status, RunStatus.running);
    assert.deepEqual(JSON.parse(parent.variables) as unknown, { seen: 'after' });
    const work = await db.selectFrom('work_items').select('step_path').where('run_id', '=', parentId).orderBy('step_path').execute();
    assert.deepEqual(
      work.map((item) => item.step_path),
      ['after_other', 'call'],
    );
    assert.equal((await suite.store.getRun(childId))?.status, RunStatus.succeeded);
  });

  void it('reads the rows of every run of the batch with one statement', async () => {
    const runs = await Promise.all(['a', 'b', 'c'].map((name) => parentAndChild(`one_${name}`)));
    const commits = await Promise.all(
      runs.map(async ({ childId }) => ({
        kind: 'finished' as const,
        itemId: await itemOf(childId),
        owner: OWNER,
        runId: childId,
        attempt: done('last'),
        assign: {},
        end: { status: RunStatus.succeeded, outcome: 'Done', error: null, failedStep: null },
      })),
    );
    statements.reset();
    const outcomes = await suite.store.commitSteps(commits);
    assert.ok(outcomes.every((outcome) => outcome.result === 'applied'));
    const runReads = (shape: string) => statements.breakdown().filter((entry) => entry.sql.startsWith(`select * from "runs" where "id" ${shape}`)).reduce((sum, entry) => sum + entry.count, 0);
    // The three children in one read; each parent's row when its waiting step wakes.
    assert.equal(runReads('in ('), 1, JSON.stringify(statements.breakdown()));
    assert.equal(runReads('='), 3, JSON.stringify(statements.breakdown()));
  });
});
