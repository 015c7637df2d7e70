import type { Kysely, Selectable } from 'kysely';
import type { Database, RunsTable } from './database-schema.ts';
import type { DialectCapabilities } from './dialect.ts';

/**
 * Reads a run's row and, where the dialect has row locks, locks it. The lock
 * order of every writer of a run: its row first, then its work items, so two
 * transactions on one run (a step's commit, an approval decided, a child run
 * ending, a cancel) queue instead of deadlocking.
 */
export function lockRun(trx: Kysely<Database>, capabilities: Pick<DialectCapabilities, 'rowLocks'>, runId: string): Promise<Selectable<RunsTable> | undefined> {
  return trx
    .selectFrom('runs')
    .selectAll()
    .where('id', '=', runId)
    .$if(capabilities.rowLocks, (qb) => qb.forUpdate())
    .executeTakeFirst();
}
