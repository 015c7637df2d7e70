import { wakeParkedStep } from '../work-queue-queries.ts';
import type { RunFinishedReaction } from './run-finished.ts';

/** A child run ended: the parent's `workflow` step that waits for it runs again and reads how it ended. */
export const wakeParentStep: RunFinishedReaction = async ({ trx, capabilities }, event) => {
  if (event.parent === null) return;
  await wakeParkedStep(trx, capabilities, { runId: event.parent.runId, stepPath: event.parent.stepPath, resume: { childRun: event.runId }, now: event.at });
};
