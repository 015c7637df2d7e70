import { toJson } from '../row-mappers.ts';
import { cancelPendingApprovals } from './approval-tasks-cancelled.ts';
import { wakeParentStep } from './parent-step-wakes.ts';
import { writeRunEnds, type RunEndRow } from './run-end-row.ts';
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
 * `holdRunEnd`: takes the run's row instead of writing it, for a caller that writes many at once (no
 * reaction reads the ended run's row).
 */
export async function finishRun(
  context: RunEndContext,
  input: { finished: RunFinished; variables?: string; queueCleared?: boolean; lastPosition?: number | undefined; holdRunEnd?: (row: RunEndRow) => void },
): Promise<void> {
  const { trx } = context;
  const { finished } = input;
  const { end } = finished;
  const row: RunEndRow = {
    runId: finished.runId,
    status: end.status,
    outcome: end.outcome,
    error: toJson(end.error ?? undefined),
    failedStep: end.failedStep,
    finishedAt: finished.at.getTime(),
    variables: input.variables,
    lastPosition: input.lastPosition,
  };
  if (input.holdRunEnd) input.holdRunEnd(row);
  else await writeRunEnds(trx, [row]);
  if (input.queueCleared !== true) await trx.deleteFrom('work_items').where('run_id', '=', finished.runId).execute();
  for (const react of reactions) await react(context, finished);
}
