import { ApprovalStatus } from '../../core/statuses.ts';
import type { RunFinishedReaction } from './run-finished.ts';

/** Nobody can decide for a run that ended: its pending approval tasks are cancelled, however it ended. */
export const cancelPendingApprovals: RunFinishedReaction = async ({ trx }, event) => {
  if (!event.hadApprovalTasks) return;
  await trx
    .updateTable('approval_tasks')
    .set({ status: ApprovalStatus.cancelled })
    .where('run_id', '=', event.runId)
    .where('status', '=', ApprovalStatus.pending)
    .execute();
};
