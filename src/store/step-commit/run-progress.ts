import type { Variables } from '../../core/json.ts';
import type { RunStatus } from '../../core/statuses.ts';
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
  await context.trx
    .updateTable('runs')
    .set({
      updated_at: input.at,
      ...lastPositionOf(context, runId),
      ...(input.variables === undefined ? {} : { variables: input.variables }),
      ...(input.status === undefined ? {} : { status: input.status }),
    })
    .where('id', '=', runId)
    .execute();
}
