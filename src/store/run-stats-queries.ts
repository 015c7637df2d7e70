import { sql, type Kysely } from 'kysely';
import { eventLoopTurn } from '../core/event-loop-turn.ts';
import { RunStatus } from '../core/statuses.ts';
import type { Database } from './database-schema.ts';
import { runVisibleTo } from './run-visibility.ts';

const HOUR_MS = 3_600_000;

/** Run counts of one group: how many started, and how many of those have succeeded or failed so far. */
export interface RunCounts {
  started: number;
  succeeded: number;
  failed: number;
}

export interface RunStatsRecord {
  /** Keyed by the hour a run started (its `created_at`), as the start of that hour in epoch ms (UTC). */
  hours: Map<number, RunCounts>;
  /** Keyed by workflow id. */
  workflows: Map<string, RunCounts>;
}

export interface RunStatsFilter {
  /** Runs created at or after this time (the start of an hour). */
  since: Date;
  /** The start of the last hour counted: runs created after it count in it. */
  lastHour: Date;
  /** Only the runs this person may read without reading all runs (see run-visibility.ts). */
  visibleTo?: string;
}

/**
 * Runs started since a time, counted per hour of their start and per workflow, with how many of
 * them succeeded and failed, through the (created_at, workflow_id, status) index (migration 0029).
 * `hourByHour` (SQLite, where a query holds the main thread) reads an hour at a time with a turn
 * of the event loop between hours: a million runs in the window would otherwise stop every request
 * and step for the whole count (home's charts ask for 7 days). Else one statement groups them by
 * hour (PostgreSQL: one round trip instead of 168). The grouping is plain integer arithmetic on
 * the epoch-ms column, so the same SQL runs on SQLite and PostgreSQL.
 */
export async function runStats(db: Kysely<Database>, filter: RunStatsFilter, options: { hourByHour: boolean }): Promise<RunStatsRecord> {
  const hours = new Map<number, RunCounts>();
  const workflows = new Map<string, RunCounts>();
  const since = filter.since.getTime();
  const last = filter.lastHour.getTime();
  const count = (hour: number, row: { workflow_id: string; status: string; count: number | string }) => {
    add(hours, hour, row.status, Number(row.count));
    add(workflows, row.workflow_id, row.status, Number(row.count));
  };
  if (!options.hourByHour) {
    for (const row of await startedByHourQuery(db, since, last, filter.visibleTo).execute()) count(Number(row.hour), row);
    return { hours: new Map([...hours].sort(([a], [b]) => a - b)), workflows };
  }
  for (let hour = since; hour <= last; hour += HOUR_MS) {
    if (hour > since) await eventLoopTurn();
    for (const row of await startedBetweenQuery(db, hour, hour === last ? undefined : hour + HOUR_MS, filter.visibleTo).execute()) count(hour, row);
  }
  return { hours, workflows };
}

/** The runs created from `from` (epoch ms) until `until` (none: no end), counted per workflow and status. */
export function startedBetweenQuery(db: Kysely<Database>, from: number, until: number | undefined, reader: string | undefined) {
  return db
    .selectFrom('runs')
    .select((eb) => ['runs.workflow_id', 'runs.status', eb.fn.countAll<number | string>().as('count')])
    .where('runs.created_at', '>=', from)
    .$if(until !== undefined, (qb) => qb.where('runs.created_at', '<', until ?? 0))
    .$if(reader !== undefined, (qb) => qb.where((eb) => runVisibleTo(eb, reader ?? '')))
    .groupBy(['runs.workflow_id', 'runs.status']);
}

/** The runs created since `since`, counted per hour of their start (runs after `last` in its hour), workflow and status. */
export function startedByHourQuery(db: Kysely<Database>, since: number, last: number, reader: string | undefined) {
  const hour = sql<number | string>`case when ${sql.ref('runs.created_at')} >= ${last} then ${last} else ${since} + ((${sql.ref('runs.created_at')} - ${since}) / ${HOUR_MS}) * ${HOUR_MS} end`;
  return db
    .selectFrom('runs')
    .select((eb) => [hour.as('hour'), 'runs.workflow_id', 'runs.status', eb.fn.countAll<number | string>().as('count')])
    .where('runs.created_at', '>=', since)
    .$if(reader !== undefined, (qb) => qb.where((eb) => runVisibleTo(eb, reader ?? '')))
    .groupBy([sql`1`, 'runs.workflow_id', 'runs.status']);
}

function add<K>(groups: Map<K, RunCounts>, key: K, status: string, count: number): void {
  const counts = groups.get(key) ?? { started: 0, succeeded: 0, failed: 0 };
  counts.started += count;
  if (status === RunStatus.succeeded) counts.succeeded += count;
  if (status === RunStatus.failed) counts.failed += count;
  groups.set(key, counts);
}
