import type { Kysely, Selectable } from 'kysely';
import type { Database, RunsTable } from '../database-schema.ts';
import type { DialectDatabase } from '../dialect.ts';
import type { JournalAttempt } from '../records.ts';
import type { SoloCommits } from './solo-commits.ts';

/** What applying one step commit needs: the batch's transaction, the dialect it runs on, and the journal positions it hands out. */
export interface CommitContext {
  trx: Kysely<Database>;
  database: DialectDatabase;
  /**
   * Per run, the last journal position this batch handed out (journal-row.ts): taken from the run's
   * locked row, and written back by the run's update that every applied commit makes anyway.
   */
  positions: Map<string, number>;
  /**
   * The batch's runs, read and locked in one statement before its first commit (run-lock.ts `lockRuns`).
   * A row serves its run's first commit only: `takeLockedRun` removes it, so a later commit of the run
   * reads the row as the earlier ones left it, and a commit that changes another run's row (a child's end
   * wakes its parent) removes that run's too.
   */
  lockedRuns: Map<string, LockedRun>;
  /** The batch's solo commits (solo-commits.ts): their items are gone, their runs' rows are written last. */
  solo: SoloCommits;
}

/** The run's row, locked by this transaction. */
export type LockedRun = Selectable<RunsTable>;

/** The time a commit happened: when its attempt finished, or began for one that waits. */
export function attemptTime(attempt: JournalAttempt): number {
  return (attempt.finishedAt ?? attempt.startedAt).getTime();
}

/** The run's row as the batch read it, if no commit of the batch has used or changed it since. */
export function takeLockedRun(context: Pick<CommitContext, 'lockedRuns'>, runId: string): LockedRun | undefined {
  const run = context.lockedRuns.get(runId);
  context.lockedRuns.delete(runId);
  return run;
}
