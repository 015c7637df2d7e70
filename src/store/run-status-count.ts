import type { Kysely } from 'kysely';
import { eventLoopTurn } from '../core/event-loop-turn.ts';
import type { RunStatus } from '../core/statuses.ts';
import type { Database } from './database-schema.ts';

/** Index entries one slice of the count reads: a few ms of SQLite's main thread. */
export const COUNT_SLICE = 20_000;

/**
 * How many runs are in `status`, counted in slices of `slice` entries of the
 * (status, id) index with a turn of the event loop between them. On SQLite a
 * query holds the main thread, and a million parked runs would stop every
 * request and step for the whole count (a /metrics scrape's); a slice holds
 * it a few ms. Runs that change status meanwhile may count in either: a
 * gauge's reading, not a snapshot.
 */
export async function countRunsInStatus(db: Kysely<Database>, status: RunStatus, slice = COUNT_SLICE): Promise<number> {
  let counted = 0;
  let after = '';
  for (;;) {
    const last = await db.selectFrom('runs').select('id').where('status', '=', status).where('id', '>', after).orderBy('id').offset(slice - 1).limit(1).executeTakeFirst();
    if (last === undefined) break;
    counted += slice;
    after = last.id;
    await eventLoopTurn();
  }
  const rest = await db.selectFrom('runs').select((eb) => eb.fn.countAll<number>().as('count')).where('status', '=', status).where('id', '>', after).executeTakeFirstOrThrow();
  return counted + Number(rest.count);
}
