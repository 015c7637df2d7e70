import type { Kysely, SelectQueryBuilder } from 'kysely';
import { eventLoopTurn } from '../core/event-loop-turn.ts';
import type { RunStatus } from '../core/statuses.ts';
import type { Database } from './database-schema.ts';
import type { RunListPosition } from './records.ts';

/** Index entries one slice of the count reads: a few ms of SQLite's main thread. */
export const COUNT_SLICE = 20_000;

/**
 * How many runs are in `status`, counted in slices of `slice` entries of the
 * (status, created_at, id) index with a turn of the event loop between them,
 * or in one statement when `slice` is null (where queries do not hold
 * the main thread). On SQLite a query holds the main thread, and a million
 * parked runs would stop every request and step for the whole count (a
 * /metrics scrape's); a slice holds it a few ms. Runs that change status
 * meanwhile may count in either: a gauge's reading, not a snapshot.
 */
export async function countRunsInStatus(db: Kysely<Database>, status: RunStatus, slice: number | null): Promise<number> {
  let counted = 0;
  let after: RunListPosition | undefined;
  // Whole slices first (none without a slice), then one count of what is left: with no slice, the whole count.
  while (slice !== null) {
    const last = await inStatusAfter(db.selectFrom('runs').select(['created_at', 'id']), status, after).orderBy('created_at').orderBy('id').offset(slice - 1).limit(1).executeTakeFirst();
    if (last === undefined) break;
    counted += slice;
    after = { createdAt: Number(last.created_at), id: last.id };
    await eventLoopTurn();
  }
  const rest = await inStatusAfter(db.selectFrom('runs').select((eb) => eb.fn.countAll<number>().as('count')), status, after).executeTakeFirstOrThrow();
  return counted + Number(rest.count);
}

/** `query` narrowed to the runs in `status` after `after` in the index's order: a range of runs_by_status. */
function inStatusAfter<O>(query: SelectQueryBuilder<Database, 'runs', O>, status: RunStatus, after: RunListPosition | undefined): SelectQueryBuilder<Database, 'runs', O> {
  const narrowed = query.where('status', '=', status);
  return after === undefined ? narrowed : narrowed.where((eb) => eb(eb.refTuple('created_at', 'id'), '>', eb.tuple(after.createdAt, after.id)));
}
