import { sql, type Kysely } from 'kysely';
import type { FinalRunStatus } from '../../core/statuses.ts';
import type { Database } from '../database-schema.ts';
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
