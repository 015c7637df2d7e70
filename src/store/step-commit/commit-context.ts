import type { Kysely, Selectable } from 'kysely';
import type { Database, RunsTable } from '../database-schema.ts';
import type { DialectDatabase } from '../dialect.ts';
import type { JournalAttempt } from '../records.ts';

/** What applying one step commit needs: the batch's transaction, the dialect it runs on, and the journal positions it hands out. */
export interface CommitContext {
  trx: Kysely<Database>;
  database: DialectDatabase;
  /**
   * Per run, the last journal position this batch handed out (journal-row.ts): taken from the run's
   * locked row, and written back by the run's update that every applied commit makes anyway.
   */
  positions: Map<string, number>;
}

/** The run's row, locked by this transaction. */
export type LockedRun = Selectable<RunsTable>;

/** The time a commit happened: when its attempt finished, or began for one that waits. */
export function attemptTime(attempt: JournalAttempt): number {
  return (attempt.finishedAt ?? attempt.startedAt).getTime();
}
