import { toJson } from '../row-mappers.ts';
import { cancelPendingApprovals } from './approval-tasks-cancelled.ts';
import { wakeParentStep } from './parent-step-wakes.ts';
import { closeRequest } from './request-closes.ts';
import type { RunEndContext, RunFinished, RunFinishedReaction } from './run-finished.ts';

/** What follows from every run's end, in this order. */
const reactions: readonly RunFinishedReaction[] = [closeRequest, cancelPendingApprovals, wakeParentStep];

/**
 * Ends a run in the caller's transaction (which holds the run's row lock):
 * marks it ended, removes its queued work, and lets everything that hangs on
 * the run react to its end. `variables`: the run's variables (JSON) as its
 * last step left them, when that step changed them. `queueCleared`: the
 * caller already removed the run's queued work (a step commit that ends the run does, with its own item).
 * `lastPosition`: the run's journal counter, when the caller handed out journal positions in memory.
 */
export async function finishRun(context: RunEndContext, input: { finished: RunFinished; variables?: string; queueCleared?: boolean; lastPosition?: number | undefined }): Promise<void> {
  const { trx } = context;
  const { finished } = input;
  const at = finished.at.getTime();
  await trx
    .updateTable('runs')
    .set({
      updated_at: at,
      ...(input.variables === undefined ? {} : { variables: input.variables }),
      ...(input.lastPosition === undefined ? {} : { last_position: input.lastPosition }),
      status: finished.end.status,
      outcome: finished.end.outcome,
      error: toJson(finished.end.error ?? undefined),
      failed_step: finished.end.failedStep,
      finished_at: at,
    })
    .where('id', '=', finished.runId)
    .execute();
  if (input.queueCleared !== true) await trx.deleteFrom('work_items').where('run_id', '=', finished.runId).execute();
  for (const react of reactions) await react(context, finished);
}
