import { FaultPoint } from '../../core/fault-points.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../database-schema.ts';
import type { DialectDatabase } from '../dialect.ts';
import { lockRuns } from '../run-lock.ts';
import type { CommitOutcome, StepCommit } from '../records.ts';
import type { CommitContext, LockedRun } from './commit-context.ts';
import { applyDropped } from './dropped.ts';
import { applyFinished } from './finished.ts';
import { holdRows, writeHeldRows } from './held-rows.ts';
import { applyForked } from './forked.ts';
import { applyMovedOn } from './moved-on.ts';
import { applyOutage } from './outage.ts';
import { applyParked } from './parked.ts';
import { applyRetrying } from './retrying.ts';
import { applySlept } from './slept.ts';
import { releaseSoloCommits, writeSoloRows } from './solo-commits.ts';

/** Applies a batch of step commits in one transaction: one fsync for many steps. */
export async function commitSteps(database: DialectDatabase, commits: StepCommit[]): Promise<CommitOutcome[]> {
  if (commits.length === 0) return [];
  return database.transaction((trx) => applyStepCommits(trx, database, commits));
}

/**
 * Applies step commits in the caller's transaction, as one batch. `created`:
 * the rows of runs this transaction inserted, whose first steps ran before
 * the write and commit here (first-steps.ts): no other transaction can see
 * them, so they are not read or locked again, and they have no work item.
 * `unwritten`: those of them not inserted yet, because their first commit
 * ends them: each is inserted as it ended, with the batch's solo rows.
 */
export async function applyStepCommits(
  trx: Kysely<Database>,
  database: DialectDatabase,
  commits: readonly StepCommit[],
  created: ReadonlyMap<string, LockedRun> = new Map(),
  unwritten: ReadonlySet<string> = new Set(),
): Promise<CommitOutcome[]> {
  if (commits.length === 0) return [];
  holdRows(trx);
  const results: CommitOutcome[] = [];
  const lockedRuns = await lockRuns(trx, database.capabilities, commits.map((commit) => commit.runId).filter((runId) => !created.has(runId)));
  for (const [runId, row] of created) lockedRuns.set(runId, row);
  const solo = await releaseSoloCommits(trx, commits, lockedRuns, new Set(created.keys()));
  const context = { trx, database, positions: new Map<string, number>(), lockedRuns, solo };
  let wake = false;
  for (const commit of commits) {
    const outcome = await applyCommit(context, commit);
    results.push(outcome);
    wake ||= wakesWorkers(commit, outcome);
  }
  await writeSoloRows(context, [...unwritten].flatMap((runId) => created.get(runId) ?? []));
  await writeHeldRows(trx);
  if (wake) await database.notifyWork(trx);
  // After every write of the batch, before COMMIT: a failure here must leave none of them.
  database.fault(FaultPoint.storeCommit);
  return results;
}

function applyCommit(context: CommitContext, commit: StepCommit): Promise<CommitOutcome> {
  switch (commit.kind) {
    case 'moved_on':
      return applyMovedOn(context, commit);
    case 'finished':
      return applyFinished(context, commit);
    case 'slept':
      return applySlept(context, commit);
    case 'forked':
      return applyForked(context, commit);
    case 'parked':
      return applyParked(context, commit);
    case 'retrying':
      return applyRetrying(context, commit);
    case 'outage':
      return applyOutage(context, commit);
    case 'dropped':
      return applyDropped(context, commit);
    default: {
      const unknown: never = commit;
      throw new Error(`unknown step commit ${JSON.stringify(unknown)}`);
    }
  }
}

/** Whether to tell the workers: the commit made work runnable now, beyond the one step it hands back to its own worker. */
function wakesWorkers(commit: StepCommit, outcome: CommitOutcome): boolean {
  if (outcome.result !== 'applied') return false;
  switch (commit.kind) {
    case 'slept':
    case 'retrying':
    case 'outage':
      // The step itself is due again later: the workers find it by its due time.
      return false;
    case 'moved_on':
      return outcome.chained === undefined;
    case 'forked':
      return outcome.chained === undefined || commit.steps.length !== 1;
    case 'finished':
      // A run's end makes nothing runnable but its parent's waiting step (it removes the run's own queue).
      return outcome.wokeParent === true;
    case 'parked':
    case 'dropped':
      return true;
    default: {
      const unknown: never = commit;
      throw new Error(`unknown step commit ${JSON.stringify(unknown)}`);
    }
  }
}
