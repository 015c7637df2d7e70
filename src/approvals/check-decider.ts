import { ForbiddenError } from '../core/errors.ts';
import type { ApprovalTaskRecord } from '../store/approval-records.ts';
import { refusalFor, type AuthorityFacts, type Refusal } from './approval-authority.ts';

/** Whether `by` may decide, and for whom: `onBehalfOf` is the approver a delegate decides for. */
export type DeciderCheck = { allowed: true; onBehalfOf: string | null } | { allowed: false; refusal: Refusal };

/**
 * Who may decide `task`: one of its approvers, or someone they delegated to
 * (`delegators`: who delegated to `by` now), never the requester, and only
 * within the authority rules (approval-authority.ts). One check for the
 * decision itself and for the inbox that says whether a person can decide.
 */
export function checkDecider(task: ApprovalTaskRecord, input: { by: string; delegators: readonly string[]; facts: AuthorityFacts }): DeciderCheck {
  const { by, facts } = input;
  if (task.requester !== null && task.requester === by) {
    return refused({
      code: 'separation_of_duties',
      message: `${by} submitted this request and cannot approve it; ${describeApprovers(task)} may decide`,
      note: 'You asked for this, and whoever asks does not decide their own request.',
    });
  }
  if (task.approvers.includes(by)) {
    const refusal = refusalFor(task, facts, { by, onBehalfOf: null });
    return refusal === null ? { allowed: true, onBehalfOf: null } : refused(refusal);
  }
  const delegators = input.delegators.filter((email) => task.approvers.includes(email) && email !== task.requester);
  const notAnApprover = (): Refusal => ({
    code: 'not_an_approver',
    message: `${by} may not decide approval task ${task.id}; ${describeApprovers(task)} may decide`,
    note: 'You are not one of its approvers, nor stand in for one.',
  });
  if (delegators.length === 0) return refused(notAnApprover());
  // A delegate of several approvers decides for one whose authority allows it.
  const refusals = delegators.map((email) => ({ email, refusal: refusalFor(task, facts, { by, onBehalfOf: email }) }));
  const allowed = refusals.find((candidate) => candidate.refusal === null);
  if (allowed !== undefined) return { allowed: true, onBehalfOf: allowed.email };
  return refused(refusals[0]?.refusal ?? notAnApprover());
}

function refused(refusal: Refusal): DeciderCheck {
  return { allowed: false, refusal };
}

/** The 403 a refused decision answers. */
export function refusalError(refusal: Refusal): ForbiddenError {
  return new ForbiddenError(refusal.code, refusal.message);
}

export function describeApprovers(task: ApprovalTaskRecord): string {
  const who = task.assigneeTeam ? `members of team ${task.assigneeTeam}` : 'the assigned users';
  return `${who} (${task.approvers.join(', ') || 'nobody'})`;
}
