// A batch takes the items of the steps that move on "solo" (store/step-commit/solo-commits.ts) off the queue
// with one statement, and only while the worker holds them, and writes their runs' progress with one more; a
// move that is not solo (another commit of its run in the batch) writes its run's row as its own commit.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AttemptStatus, RunStatus } from '../../src/core/statuses.ts';
import type { JournalAttempt, StepCommit } from '../../src/store/records.ts';
import { inspectDatabase } from '../../src/store/inspect.ts';
import { countedStoreForSuite } from '../support/counted-store.ts';

const at = new Date('2026-03-01T10:00:00Z');
const later = new Date(at.getTime() + 1_000);
const OWNER = 'worker_solo_moves';

function done(stepPath: string): JournalAttempt {
  return { stepPath, visit: 1, attempt: 1, stepId: stepPath, stepType: 'action', status: AttemptStatus.succeeded, input: null, output: { ok: true }, error: null, startedAt: at, finishedAt: later };
}

void describe('a batch moves runs on', () => {
  const suite = countedStoreForSuite();
  const { statements } = suite;

  /** A run at step `first`, leased to `owner`; returns the step's item. */
  async function runAtFirstStep(runId: string, owner = OWNER): Promise<string> {
    await suite.store.createRuns([{ id: runId, workflowId: 'w', version: 1, variables: { seen: 'before' }, trigger: { type: 'manual' }, firstStep: 'first', createdAt: at }]);
    const db = inspectDatabase(suite.store);
    await db.updateTable('work_items').set({ lease_owner: owner, lease_until: at.getTime() + 3_600_000 }).where('run_id', '=', runId).execute();
    const item = await db.selectFrom('work_items').select('id').where('run_id', '=', runId).executeTakeFirstOrThrow();
    return item.id;
  }

  function move(runId: string, itemId: string, values: Record<string, unknown> = {}, from = 'first', to = 'second'): Extract<StepCommit, { kind: 'moved_on' }> {
    return { kind: 'moved_on', itemId, owner: OWNER, runId, attempt: done(from), assign: { target: { kind: 'run' }, values }, cancelScope: null, destination: { kind: 'step', stepPath: to } };
  }

  async function queueOf(runId: string): Promise<{ step: string; visit: number; owner: string | null }[]> {
    const items = await inspectDatabase(suite.store).selectFrom('work_items').select(['step_path', 'visit', 'lease_owner']).where('run_id', '=', runId).orderBy('step_path').execute();
    return items.map((item) => ({ step: item.step_path, visit: Number(item.visit), owner: item.lease_owner }));
  }

  async function rowOf(runId: string): Promise<{ status: string; variables: unknown; updated_at: number; last_position: number }> {
    const row = await inspectDatabase(suite.store).selectFrom('runs').select(['status', 'variables', 'updated_at', 'last_position']).where('id', '=', runId).executeTakeFirstOrThrow();
    return { status: row.status, variables: JSON.parse(row.variables) as unknown, updated_at: Number(row.updated_at), last_position: Number(row.last_position) };
  }

  const counted = (prefix: string) =>
    statements
      .breakdown()
      .filter((entry) => entry.sql.startsWith(prefix))
      .reduce((sum, entry) => sum + entry.count, 0);

  void it('takes three moved-on steps off the queue with one delete, and writes their runs with one update', async () => {
    const [a, b, c] = ['run_moves_a', 'run_moves_b', 'run_moves_c'];
    const commits = [move(a, await runAtFirstStep(a)), move(b, await runAtFirstStep(b), { tier: 'VIP' }), move(c, await runAtFirstStep(c), { seen: 'after' })];
    statements.reset();
    const outcomes = await suite.store.commitSteps(commits);
    assert.deepEqual(
      outcomes.map((outcome) => outcome.result),
      ['applied', 'applied', 'applied'],
    );
    const breakdown = JSON.stringify(statements.breakdown());
    assert.equal(counted('delete from "work_items"'), 1, breakdown);
    assert.equal(counted('with progressed'), 1, breakdown);
    assert.equal(counted('update "runs"'), 0, breakdown);

    const expected = (variables: unknown) => ({ status: RunStatus.running, variables, updated_at: later.getTime(), last_position: 1 });
    assert.deepEqual(await rowOf(a), expected({ seen: 'before' }));
    assert.deepEqual(await rowOf(b), expected({ seen: 'before', tier: 'VIP' }));
    assert.deepEqual(await rowOf(c), expected({ seen: 'after' }));
    for (const runId of [a, b, c]) {
      assert.deepEqual(await queueOf(runId), [{ step: 'second', visit: 1, owner: null }], runId);
      const journal = await inspectDatabase(suite.store).selectFrom('step_attempts').select(['step_path', 'position']).where('run_id', '=', runId).execute();
      assert.deepEqual(
        journal.map((row) => [row.step_path, Number(row.position)]),
        [['first', 1]],
        runId,
      );
    }
  });

  void it('leaves a run whose step another worker took over as it was', async () => {
    const runId = 'run_moves_lost';
    const itemId = await runAtFirstStep(runId, 'worker_other');
    const [outcome] = await suite.store.commitSteps([move(runId, itemId, { seen: 'after' })]);
    assert.equal(outcome?.result, 'lease_lost');
    assert.deepEqual(await queueOf(runId), [{ step: 'first', visit: 1, owner: 'worker_other' }]);
    assert.deepEqual(await rowOf(runId), { status: RunStatus.running, variables: { seen: 'before' }, updated_at: at.getTime(), last_position: 0 });
  });

  void it('moves a run that two branches move in one batch as two commits, each writing the row', async () => {
    const runId = 'run_moves_two';
    const firstItem = await runAtFirstStep(runId);
    const db = inspectDatabase(suite.store);
    await db
      .insertInto('work_items')
      .values({ id: `wi_${runId}_other`, run_id: runId, step_path: 'other', visit: 1, attempt: 1, due_at: at.getTime(), lease_owner: OWNER, lease_until: at.getTime() + 3_600_000, resume: null, created_at: at.getTime() })
      .execute();
    statements.reset();
    const outcomes = await suite.store.commitSteps([move(runId, firstItem, { one: 1 }), move(runId, `wi_${runId}_other`, { two: 2 }, 'other', 'other_next')]);
    assert.deepEqual(
      outcomes.map((outcome) => outcome.result),
      ['applied', 'applied'],
    );
    assert.equal(counted('with progressed'), 0, 'neither commit is solo');
    assert.deepEqual(await rowOf(runId), { status: RunStatus.running, variables: { seen: 'before', one: 1, two: 2 }, updated_at: later.getTime(), last_position: 2 });
    assert.deepEqual(
      (await queueOf(runId)).map((item) => item.step),
      ['other_next', 'second'],
    );
  });

  void it('ends one run and moves another in one batch, each kind with its own delete', async () => {
    const [ending, moving] = ['run_moves_ending', 'run_moves_moving'];
    const endingItem = await runAtFirstStep(ending);
    const movingItem = await runAtFirstStep(moving);
    statements.reset();
    const outcomes = await suite.store.commitSteps([
      { kind: 'finished', itemId: endingItem, owner: OWNER, runId: ending, attempt: done('first'), assign: {}, end: { status: RunStatus.succeeded, outcome: 'Done', error: null, failedStep: null } },
      move(moving, movingItem),
    ]);
    assert.deepEqual(
      outcomes.map((outcome) => outcome.result),
      ['applied', 'applied'],
    );
    const breakdown = JSON.stringify(statements.breakdown());
    assert.equal(counted('delete from "work_items"'), 2, breakdown);
    assert.equal(counted('with ended'), 1, breakdown);
    assert.equal(counted('with progressed'), 1, breakdown);
    assert.equal((await rowOf(ending)).status, RunStatus.succeeded);
    assert.deepEqual(await queueOf(ending), []);
    assert.deepEqual(await queueOf(moving), [{ step: 'second', visit: 1, owner: null }]);
  });
});
