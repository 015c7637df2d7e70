/** Approval tasks and decisions to response bodies. */
import type { ApprovalTaskRecord, ApprovalDecisionRecord } from '../store/approval-records.ts';
import type { TaskDecidability } from '../application/approval-list-authority.ts';
import type { DelegationView } from '../application/approval-delegations.ts';
import type { DelegationBody } from './approval-review-schemas.ts';
import type { ApprovalDecisionBody, ApprovalListItemBody, ApprovalTaskBody } from './approval-schemas.ts';

/** `workflowTitle` names the task's workflow (workflowTitles of application/workflow-titles.ts). */
export function serializeApprovalTask(task: ApprovalTaskRecord, workflowTitle: (workflowId: string) => string): ApprovalTaskBody {
  return {
    id: task.id,
    run: task.runId,
    step_path: task.stepPath,
    workflow: task.workflowId,
    workflow_title: workflowTitle(task.workflowId),
    title: task.title,
    assignee_team: task.assigneeTeam,
    approvers: task.approvers,
    quorum: task.quorum,
    require_comment_on_reject: task.requireCommentOnReject,
    form: task.form,
    request: task.requestId,
    requester: task.requester,
    status: task.status,
    due_at: task.dueAt?.toISOString() ?? null,
    outcome: task.outcome,
    created_at: task.createdAt.toISOString(),
    decided_at: task.decidedAt?.toISOString() ?? null,
    stake: task.stake,
    leads_to: task.leadsTo,
  };
}

/** A task as the list answers it: with whether the caller can decide it. */
export function serializeApprovalListItem(task: ApprovalTaskRecord, decidability: TaskDecidability, workflowTitle: (workflowId: string) => string): ApprovalListItemBody {
  return {
    ...serializeApprovalTask(task, workflowTitle),
    can_decide: decidability.canDecide,
    cannot_decide_reason: decidability.cannotDecideReason,
    cannot_decide_code: decidability.cannotDecideCode,
    cannot_decide_note: decidability.cannotDecideNote,
  };
}

export function serializeApprovalDecision(decision: ApprovalDecisionRecord): ApprovalDecisionBody {
  return {
    by: decision.userEmail,
    on_behalf_of: decision.onBehalfOf,
    decision: decision.decision,
    comment: decision.comment,
    values: decision.values,
    decided_at: decision.decidedAt.toISOString(),
  };
}

export function serializeDelegation(view: DelegationView): DelegationBody {
  return { id: view.id, user: view.user, delegate: view.delegate, starts_at: view.startsAt.toISOString(), ends_at: view.endsAt.toISOString(), state: view.state };
}
