import type { Kysely } from 'kysely';
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
 * them succeeded and failed. Read an hour at a time, through the (created_at, workflow_id, status)
 * index (migration 0029), with a turn of the event loop between hours: on SQLite a query holds the
 * main thread, and a million runs in the window would stop every request and step for the whole
 * count (home's charts ask for 7 days). The grouping is plain integer arithmetic on the epoch-ms
 * column, so the same SQL runs on SQLite and PostgreSQL.
 */
export async function runStats(db: Kysely<Database>, filter: RunStatsFilter): Promise<RunStatsRecord> {
  const hours = new Map<number, RunCounts>();
  const workflows = new Map<string, RunCounts>();
  const last = filter.lastHour.getTime();
  for (let hour = filter.since.getTime(); hour <= last; hour += HOUR_MS) {
    if (hour > filter.since.getTime()) await eventLoopTurn();
    for (const row of await startedBetweenQuery(db, hour, hour === last ? undefined : hour + HOUR_MS, filter.visibleTo).execute()) {
      const count = Number(row.count);
      add(hours, hour, row.status, count);
      add(workflows, row.workflow_id, row.status, count);
    }
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

function add<K>(groups: Map<K, RunCounts>, key: K, status: string, count: number): void {
  const counts = groups.get(key) ?? { started: 0, succeeded: 0, failed: 0 };
  counts.started += count;
  if (status === RunStatus.succeeded) counts.succeeded += count;
  if (status === RunStatus.failed) counts.failed += count;
  groups.set(key, counts);
}
