import type { Kysely, Selectable } from 'kysely';
import type { Database, RunsTable } from '../database-schema.ts';
import type { DialectDatabase } from '../dialect.ts';
import type { JournalAttempt } from '../records.ts';

/** What applying one step commit needs: the batch's transaction and the dialect it runs on. */
export interface CommitContext {
  trx: Kysely<Database>;
  database: DialectDatabase;
}

/** The run's row, locked by this transaction. */
export type LockedRun = Selectable<RunsTable>;

/** The time a commit happened: when its attempt finished, or began for one that waits. */
export function attemptTime(attempt: JournalAttempt): number {
  return (attempt.finishedAt ?? attempt.startedAt).getTime();
}
