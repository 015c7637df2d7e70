import type { Kysely, Selectable } from 'kysely';
import type { Database, RunsTable } from './database-schema.ts';
import type { DialectCapabilities } from './dialect.ts';
import { preparedQuery } from './prepared-query.ts';

/** Every commit starts with it: compiled once (prepared-query.ts), with and without the row lock. */
const readRunLocked = preparedQuery<'id', Selectable<RunsTable>>((db, param) => db.selectFrom('runs').selectAll().where('id', '=', param('id')).forUpdate());
const readRun = preparedQuery<'id', Selectable<RunsTable>>((db, param) => db.selectFrom('runs').selectAll().where('id', '=', param('id')));

/**
 * Reads a run's row and, where the dialect has row locks, locks it. The lock
 * order of every writer of a run: its row first, then its work items, so two
 * transactions on one run (a step's commit, an approval decided, a child run
 * ending, a cancel) queue instead of deadlocking.
 */
export async function lockRun(trx: Kysely<Database>, capabilities: Pick<DialectCapabilities, 'rowLocks'>, runId: string): Promise<Selectable<RunsTable> | undefined> {
  const [row] = (await (capabilities.rowLocks ? readRunLocked : readRun).execute(trx, { id: runId })).rows;
  return row;
}

/**
 * The rows of several runs in one statement (a batch of step commits), locked where the dialect has row
 * locks, in id order: two batches that share runs take their locks in the same order and queue.
 */
export async function lockRuns(trx: Kysely<Database>, capabilities: Pick<DialectCapabilities, 'rowLocks'>, runIds: readonly string[]): Promise<Map<string, Selectable<RunsTable>>> {
  const ids = [...new Set(runIds)].sort();
  if (ids.length === 0) return new Map();
  const query = trx.selectFrom('runs').selectAll().where('id', 'in', ids).orderBy('id');
  const rows = await (capabilities.rowLocks ? query.forUpdate() : query).execute();
  return new Map(rows.map((row) => [row.id, row]));
}
