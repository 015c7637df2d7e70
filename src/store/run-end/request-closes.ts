import type { Kysely } from 'kysely';
import { ApprovalStatus, RequestStatus, RunStatus, type FinalRunStatus } from '../../core/statuses.ts';
import type { Database } from '../database-schema.ts';
import type { RunFinishedReaction } from './run-finished.ts';

/**
 * A catalog request ends with its run, and its status says how:
 * - `cancelled`: the run was cancelled;
 * - `failed`: the run failed (a step's error, or an end step with status
 *   `failed`), whatever its approvals said before;
 * - `rejected`: the run ended `succeeded` and the run's last decided approval
 *   task was rejected (by an approver, or by `on_timeout: reject`): an
 *   approval said no and the run took that path to its end;
 * - `completed`: any other succeeded run, with its outcome.
 */
export const closeRequest: RunFinishedReaction = async ({ trx }, event) => {
  if (event.requestId === null) return;
  const status = await closedRequestStatus(trx, event.runId, event.end.status);
  const at = event.at.getTime();
  await trx.updateTable('requests').set({ status, outcome: event.end.outcome, updated_at: at, closed_at: at }).where('id', '=', event.requestId).execute();
};

async function closedRequestStatus(trx: Kysely<Database>, runId: string, runStatus: FinalRunStatus): Promise<RequestStatus> {
  switch (runStatus) {
    case RunStatus.cancelled:
      return RequestStatus.cancelled;
    case RunStatus.failed:
      return RequestStatus.failed;
    case RunStatus.succeeded: {
      const lastDecided = await trx
        .selectFrom('approval_tasks')
        .select('status')
        .where('run_id', '=', runId)
        .where('decided_at', 'is not', null)
        .orderBy('decided_at', 'desc')
        .orderBy('created_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      return lastDecided?.status === ApprovalStatus.rejected ? RequestStatus.rejected : RequestStatus.completed;
    }
    default: {
      const unknown: never = runStatus;
      throw new Error(`no request status for run status ${String(unknown)}`);
    }
  }
}
