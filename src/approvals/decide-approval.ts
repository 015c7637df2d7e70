import type { AuditActor, AuditEntryInput } from '../core/audit-entry.ts';
import { auditJson } from '../core/audit-detail.ts';
import type { Clock } from '../core/clock.ts';
import type { JsonValue } from '../core/json.ts';
import { InvalidInputError } from '../core/errors.ts';
import { checkFieldValues } from '../definition/field-values.ts';
import type { ApprovalTaskRecord } from '../store/approval-records.ts';
import { checkDecider, refusalError } from './check-decider.ts';
import { authorityFacts, otherDecisionsOf, type AuthoritySources } from './authority-facts.ts';
import { resolveQuorum } from './quorum.ts';

export interface DecideRequest {
  taskId: string;
  /** The person deciding (their email). */
  by: string;
  decision: 'approved' | 'rejected';
  comment?: string | undefined;
  /** Values for the fields of the step's approver form. */
  values?: Record<string, unknown> | undefined;
  /** Who decides and what they saw (the review): recorded with the decision, in its transaction. */
  audit?: DecisionAudit | undefined;
}

export interface DecisionAudit {
  actor: AuditActor;
  /** The request values and the summary of what an approval leads to, as the review showed them. */
  saw: JsonValue;
  serviceId?: string | null;
  offeringId?: string | null;
}

/**
 * Records a decision on an approval task. Only its approvers decide (or
 * someone they delegated to while away); the requester never decides their
 * own request; the approver's authority must allow it (approval-authority.ts:
 * limit, one step of a run per person, not the version's author); a
 * rejection needs a comment when the step says so; each person decides once.
 * The check lives here, in one place.
 */
export async function decideApproval(context: AuthoritySources & { clock: Clock; wakeWorker: () => void }, request: DecideRequest): Promise<ApprovalTaskRecord> {
  const { approvals, clock } = context;
  const now = clock.now();
  const by = request.by.toLowerCase();
  const task = await approvals.require(request.taskId);
  const delegators = await approvals.delegatorsOf(by, now);
  const facts = await authorityFacts(context, task);
  const check = checkDecider(task, { by, delegators, facts });
  if (!check.allowed) throw refusalError(check.refusal);
  const { onBehalfOf } = check;
  const comment = request.comment?.trim() ? request.comment.trim() : null;
  if (request.decision === 'rejected' && task.requireCommentOnReject && comment === null) {
    throw new InvalidInputError('comment_required', 'a comment is required to reject this request; say why (it is sent to the requester)', [{ path: 'comment', message: 'required when rejecting' }], { path: 'comment' });
  }
  let values: Record<string, unknown> | null = null;
  if (task.form && task.form.length > 0 && request.decision === 'approved') {
    const checked = checkFieldValues(task.form, request.values ?? {}, 'values');
    if (checked.issues.length > 0) {
      throw new InvalidInputError('form_invalid', `the approval form has ${checked.issues.length} problem(s)`, checked.issues, { path: checked.issues[0]?.path ?? 'values' });
    }
    values = checked.values;
  }
  const updated = await approvals.decide({
    decision: { taskId: task.id, userEmail: by, onBehalfOf, decision: request.decision, comment, values },
    now,
    resolve: resolveQuorum,
    // The same check again inside the transaction, on the run's decisions as they are now: two steps decided at once cannot both pass.
    authorize: (current, runDecisions) => {
      const again = checkDecider(current, { by, delegators, facts: { ...facts, otherDecisions: otherDecisionsOf(current, runDecisions) } });
      if (!again.allowed) throw refusalError(again.refusal);
    },
    ...(request.audit === undefined ? {} : { audit: decisionEntry(request.audit, { task, by, onBehalfOf, decision: request.decision, comment, values, now }) }),
  });
  if (updated.status !== 'pending') context.wakeWorker();
  return updated;
}

function decisionEntry(
  audit: DecisionAudit,
  made: { task: ApprovalTaskRecord; by: string; onBehalfOf: string | null; decision: string; comment: string | null; values: Record<string, unknown> | null; now: Date },
): (updated: ApprovalTaskRecord) => AuditEntryInput {
  const { task } = made;
  return (updated) => ({
    actor: audit.actor,
    action: 'approval.decided',
    target: { type: 'approval', id: task.id },
    serviceId: audit.serviceId ?? null,
    offeringId: audit.offeringId ?? null,
    detail: {
      decision: made.decision,
      by: made.by,
      on_behalf_of: made.onBehalfOf,
      comment: made.comment,
      values: auditJson(made.values),
      run: task.runId,
      step: task.stepPath,
      workflow: task.workflowId,
      task_status: updated.status,
      saw: audit.saw,
    },
    at: made.now,
  });
}

