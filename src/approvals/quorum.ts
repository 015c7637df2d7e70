import type { ApprovalDecisionRecord, ApprovalOutcome, ApprovalTaskRecord } from '../store/approval-records.ts';

/**
 * Whether the decisions so far settle a task. A rejection settles it at once
 * (any approver may stop a refund); approvals settle it when the quorum is
 * met: `any` one, `all` of the approvers fixed when the task opened, or N.
 */
export function resolveQuorum(task: ApprovalTaskRecord, decisions: readonly ApprovalDecisionRecord[]): ApprovalOutcome | null {
  const rejection = decisions.find((decision) => decision.decision === 'rejected');
  if (rejection) return outcomeOf('rejected', rejection);
  const approvals = decisions.filter((decision) => decision.decision === 'approved');
  const needed = task.quorum === 'any' ? 1 : task.quorum === 'all' ? Math.max(1, task.approvers.length) : task.quorum;
  const last = approvals.at(-1);
  if (approvals.length >= needed && last) {
    const comments = approvals.map((decision) => decision.comment).filter((comment): comment is string => Boolean(comment));
    return { ...outcomeOf('approved', last), comment: comments.join('\n') || null };
  }
  return null;
}

function outcomeOf(decision: 'approved' | 'rejected', by: ApprovalDecisionRecord): ApprovalOutcome {
  return {
    decision,
    comment: by.comment,
    by: by.onBehalfOf ? `${by.userEmail} (for ${by.onBehalfOf})` : by.userEmail,
    at: by.decidedAt.toISOString(),
    ...(by.values ? { values: by.values } : {}),
  };
}
