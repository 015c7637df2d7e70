import { sql, type Kysely } from 'kysely';
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
  /** Runs created at or after this time. */
  since: Date;
  /** Only the runs this person may read without reading all runs (see run-visibility.ts). */
  visibleTo?: string;
}

/**
 * Runs started since a time, counted per hour of their start and per workflow, with how many of
 * them succeeded and failed. The grouping is plain integer arithmetic on the epoch-ms column, so
 * the same SQL runs on SQLite and PostgreSQL (integer division truncates on both).
 */
export async function runStats(db: Kysely<Database>, filter: RunStatsFilter): Promise<RunStatsRecord> {
  const hour = sql<number>`runs.created_at / ${sql.lit(HOUR_MS)}`;
  const reader = filter.visibleTo;
  const rows = await db
    .selectFrom('runs')
    .select((eb) => [hour.as('hour'), 'runs.workflow_id', 'runs.status', eb.fn.countAll<number | string>().as('count')])
    .where('runs.created_at', '>=', filter.since.getTime())
    .$if(reader !== undefined, (qb) => qb.where((eb) => runVisibleTo(eb, reader ?? '')))
    .groupBy([hour, 'runs.workflow_id', 'runs.status'])
    .execute();
  const hours = new Map<number, RunCounts>();
  const workflows = new Map<string, RunCounts>();
  for (const row of rows) {
    const count = Number(row.count);
    add(hours, Number(row.hour) * HOUR_MS, row.status, count);
    add(workflows, row.workflow_id, row.status, count);
  }
  return { hours, workflows };
}

function add<K>(groups: Map<K, RunCounts>, key: K, status: string, count: number): void {
  const counts = groups.get(key) ?? { started: 0, succeeded: 0, failed: 0 };
  counts.started += count;
  if (status === RunStatus.succeeded) counts.succeeded += count;
  if (status === RunStatus.failed) counts.failed += count;
  groups.set(key, counts);
}
