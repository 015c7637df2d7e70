import { sql, type Kysely } from 'kysely';
import type { Database } from './database-schema.ts';
import type { QueueBacklog } from './queue-backlog.ts';

/**
 * Reads the backlog of the work queue along the due-time index, oldest
 * first, and stops counting at `countUpTo` rows: the cost is bounded however
 * long the queue, and work parked on future timers is never read.
 */
export async function queueBacklog(db: Kysely<Database>, input: { now: Date; countUpTo: number }): Promise<QueueBacklog> {
  const now = input.now.getTime();
  const due = db
    .selectFrom('work_items')
    .select(sql<number>`case when lease_until is not null and lease_until > due_at then lease_until else due_at end`.as('claimable_at'))
    .where('due_at', '<=', now)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
    .orderBy('due_at')
    .limit(Math.max(1, input.countUpTo))
    .as('due');
  const row = await db
    .selectFrom(due)
    .select((eb) => [eb.fn.countAll<number | string>().as('depth'), eb.fn.min('claimable_at').as('oldest')])
    .executeTakeFirst();
  const oldest = row?.oldest;
  return { depth: Number(row?.depth ?? 0), oldestDueAt: oldest === null || oldest === undefined ? undefined : new Date(Number(oldest)) };
}
