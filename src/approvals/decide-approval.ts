import type { Clock } from '../core/clock.ts';
import { ForbiddenError, InvalidInputError } from '../core/errors.ts';
import { checkFieldValues } from '../definition/field-values.ts';
import type { Field } from '../definition/schema.ts';
import type { ApprovalStore } from '../store/approval-store.ts';
import type { ApprovalTaskRecord } from '../store/approval-records.ts';
import { resolveQuorum } from './quorum.ts';

export interface DecideRequest {
  taskId: string;
  /** The person deciding (their email). */
  by: string;
  decision: 'approved' | 'rejected';
  comment?: string | undefined;
  /** Values for the fields of the step's approver form. */
  values?: Record<string, unknown> | undefined;
}

/**
 * Records a decision on an approval task. Only its approvers decide (or
 * someone they delegated to while away); the requester never decides their
 * own request; a rejection needs a comment when the step says so; each
 * person decides once. The check lives here, in one place.
 */
export async function decideApproval(context: { approvals: ApprovalStore; clock: Clock; wakeWorker: () => void }, request: DecideRequest): Promise<ApprovalTaskRecord> {
  const { approvals, clock } = context;
  const now = clock.now();
  const by = request.by.toLowerCase();
  const task = await approvals.require(request.taskId);
  if (task.requester !== null && task.requester === by) {
    throw new ForbiddenError('separation_of_duties', `${by} submitted this request and cannot approve it; ${describeApprovers(task)} may decide`);
  }
  let onBehalfOf: string | null = null;
  if (!task.approvers.includes(by)) {
    const delegators = (await approvals.delegatorsOf(by, now)).filter((email) => task.approvers.includes(email) && email !== task.requester);
    onBehalfOf = delegators[0] ?? null;
    if (onBehalfOf === null) throw new ForbiddenError('not_an_approver', `${by} may not decide approval task ${task.id}; ${describeApprovers(task)} may decide`);
  }
  const comment = request.comment?.trim() ? request.comment.trim() : null;
  if (request.decision === 'rejected' && task.requireCommentOnReject && comment === null) {
    throw new InvalidInputError('comment_required', 'a comment is required to reject this request; say why (it is sent to the requester)', [{ path: 'comment', message: 'required when rejecting' }], { path: 'comment' });
  }
  let values: Record<string, unknown> | null = null;
  if (task.form && task.form.length > 0 && request.decision === 'approved') {
    const checked = checkFieldValues(task.form as Field[], request.values ?? {}, 'values');
    if (checked.issues.length > 0) {
      throw new InvalidInputError('form_invalid', `the approval form has ${checked.issues.length} problem(s)`, checked.issues, { path: checked.issues[0]?.path ?? 'values' });
    }
    values = checked.values;
  }
  const updated = await approvals.decide({
    decision: { taskId: task.id, userEmail: by, onBehalfOf, decision: request.decision, comment, values },
    now,
    resolve: resolveQuorum,
  });
  if (updated.status !== 'pending') context.wakeWorker();
  return updated;
}

function describeApprovers(task: ApprovalTaskRecord): string {
  const who = task.assigneeTeam ? `members of team ${task.assigneeTeam}` : 'the assigned users';
  return `${who} (${task.approvers.join(', ') || 'nobody'})`;
}
