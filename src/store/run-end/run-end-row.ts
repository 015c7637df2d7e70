import { sql, type Kysely, type Selectable } from 'kysely';
import type { FinalRunStatus } from '../../core/statuses.ts';
import type { Database, RunsTable } from '../database-schema.ts';
import { updateFromValues } from '../multi-row.ts';

/** What a run's end writes to its row. `variables` and `lastPosition` stay as they are when left out. */
export interface RunEndRow {
  runId: string;
  status: FinalRunStatus;
  outcome: string | null;
  /** JSON, or null. */
  error: string | null;
  failedStep: string | null;
  /** Also its last update. */
  finishedAt: number;
  /** JSON: the variables as the run's last step left them, when it changed them. */
  variables?: string | undefined;
  lastPosition?: number | undefined;
}

/** Writes runs' ends, one run's or a batch's, with one statement (per 500 runs; multi-row.ts `updateFromValues`). */
export async function writeRunEnds(trx: Kysely<Database>, rows: readonly RunEndRow[]): Promise<void> {
  await updateFromValues(trx, {
    table: 'runs',
    alias: 'ended',
    columns: ['id', 'status', 'outcome', 'error', 'failed_step', 'finished_at', 'variables', 'last_position'],
    rows,
    tuple: (row) =>
      sql`(${row.runId}, ${row.status}, ${row.outcome}, ${row.error}, ${row.failedStep}, cast(${row.finishedAt} as bigint), ${row.variables ?? null}, cast(${row.lastPosition ?? null} as integer))`,
    set: sql`status = ended.status, outcome = ended.outcome, error = ended.error, failed_step = ended.failed_step,
      finished_at = ended.finished_at, updated_at = ended.finished_at,
      variables = coalesce(ended.variables, runs.variables), last_position = coalesce(ended.last_position, runs.last_position)`,
  });
}

/**
 * The rows to insert for runs that end in the transaction that creates them, as they end (`runs`: the rows
 * as created, `ends`: their ends among others). A run without its end here is a bug that would leave it
 * running: it throws, and the transaction writes nothing.
 */
export function endedRunRows(runs: readonly Selectable<RunsTable>[], ends: readonly RunEndRow[]): Selectable<RunsTable>[] {
  const endOf = new Map(ends.map((row) => [row.runId, row]));
  return runs.map((run) => {
    const end = endOf.get(run.id);
    if (end === undefined) throw new Error(`run ${run.id} was to end in the commit that created it, and has no end to insert`);
    return {
      ...run,
      status: end.status,
      outcome: end.outcome,
      error: end.error,
      failed_step: end.failedStep,
      finished_at: end.finishedAt,
      updated_at: end.finishedAt,
      variables: end.variables ?? run.variables,
      last_position: end.lastPosition ?? run.last_position,
    };
  });
}
