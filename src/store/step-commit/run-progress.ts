import { sql, type Kysely } from 'kysely';
import type { Variables } from '../../core/json.ts';
import { RunStatus } from '../../core/statuses.ts';
import type { Database } from '../database-schema.ts';
import { updateFromValues } from '../multi-row.ts';
import { preparedQuery } from '../prepared-query.ts';
import { assignScopeVariables } from '../scope-queries.ts';
import type { VariablesTarget } from '../records.ts';
import { fromJson, toJson } from '../row-mappers.ts';
import type { CommitContext, LockedRun } from './commit-context.ts';
import { lastPositionOf } from './journal-row.ts';

/** The run's status while it goes on: `waiting` while parked on a timer or approval. */
export type OngoingRunStatus = Extract<RunStatus, 'running' | 'waiting'>;

/**
 * Sets variables where they belong: a step inside a foreach iteration or
 * parallel branch sets its scope's, never the run's. Returns the run's new
 * variables (JSON) for the run's row, or undefined when they stay as they are.
 */
export async function assignVariables({ trx }: CommitContext, run: LockedRun, assign: { target: VariablesTarget; values: Variables }): Promise<string | undefined> {
  if (assign.target.kind === 'scope') {
    await assignScopeVariables(trx, run.id, assign.target.scope, assign.values);
    return undefined;
  }
  return mergedRunVariables(run, assign.values);
}

/** The run's variables (JSON) with `values` set. */
export function mergedRunVariables(run: LockedRun, values: Variables): string {
  return toJson({ ...(fromJson<Record<string, unknown>>(run.variables) ?? {}), ...values }) ?? '{}';
}

/** Records that the run moved: when, (if given) its status and variables, and the journal positions the commit took. */
export async function updateRunProgress(context: CommitContext, runId: string, input: { at: number; status?: OngoingRunStatus; variables?: string }): Promise<void> {
  await recordProgress.execute(context.trx, {
    id: runId,
    at: input.at,
    variables: input.variables ?? null,
    status: input.status ?? null,
    lastPosition: lastPositionOf(context, runId).last_position ?? null,
  });
}

/** Most step commits make it: compiled once (prepared-query.ts); a value given as null keeps the column as it is. */
const recordProgress = preparedQuery<'id' | 'at' | 'variables' | 'status' | 'lastPosition', never>((db, param) =>
  db
    .updateTable('runs')
    .set({
      updated_at: param('at'),
      variables: sql<string>`COALESCE(${param('variables')}, variables)`,
      status: sql<RunStatus>`COALESCE(${param('status')}, status)`,
      last_position: sql<number>`COALESCE(${param('lastPosition')}, last_position)`,
    })
    .where('id', '=', param('id')),
);

/** What a step that moved on writes to its run's row (solo-commits.ts), the run still running. */
export interface RunProgressRow {
  runId: string;
  at: number;
  /** JSON: the run's variables, when the step changed them. */
  variables?: string | undefined;
  lastPosition?: number | undefined;
}

/** Writes runs' progress, a batch's, with one statement (per 500 runs; multi-row.ts `updateFromValues`): what `updateRunProgress` writes for one run. */
export async function writeRunProgress(trx: Kysely<Database>, rows: readonly RunProgressRow[]): Promise<void> {
  await updateFromValues(trx, {
    table: 'runs',
    alias: 'progressed',
    columns: ['id', 'at', 'variables', 'last_position'],
    rows,
    tuple: (row) => sql`(${row.runId}, cast(${row.at} as bigint), ${row.variables ?? null}, cast(${row.lastPosition ?? null} as integer))`,
    set: sql`updated_at = progressed.at, status = ${RunStatus.running},
      variables = coalesce(progressed.variables, runs.variables), last_position = coalesce(progressed.last_position, runs.last_position)`,
  });
}
