/**
 * What the inbox and the review say about deciding a task: what is at stake,
 * whether any approver's limit covers it, and whether the caller can decide
 * it and, if not, why (the same check the decision makes).
 */
import { formatMajor, missingAuthority } from '../approvals/approval-authority.ts';
import { authorityFacts } from '../approvals/authority-facts.ts';
import { checkDecider } from '../approvals/check-decider.ts';
import type { ApprovalTaskRecord, MajorMoney } from '../store/approval-records.ts';
import type { AppContext } from './app-context.ts';

/** Snake case, as the review it is part of answers. */
export interface TaskAuthorityView {
  /** What deciding puts at stake, when the step declares it. */
  stake: MajorMoney | null;
  /** The limit the task needs when no approver's covers its stake; null when someone's does. */
  needs_limit: MajorMoney | null;
  /** `needs someone with a limit of at least 6,000 USD`, or null. */
  needs_limit_text: string | null;
  /** Whether the person asking may decide now; false for a task no longer pending. */
  can_decide: boolean;
  /** Why they cannot (the refusal deciding would give), or null. */
  reason: string | null;
  reason_code: string | null;
  /** Why they cannot, written to them (Refusal.note), or null. */
  note: string | null;
}

/** The authority view of `task` for `viewer` (an email), or for nobody in particular when undefined. */
export async function taskAuthorityView(app: AppContext, task: ApprovalTaskRecord, viewer: string | undefined): Promise<TaskAuthorityView> {
  const facts = await authorityFacts({ approvals: app.approvals, store: app.engine.store }, task);
  const needsLimit = task.status === 'pending' ? missingAuthority(task, facts) : null;
  const base = { stake: task.stake, needs_limit: needsLimit, needs_limit_text: needsLimit === null ? null : `needs someone with a limit of at least ${formatMajor(needsLimit)}` };
  if (task.status !== 'pending') return { ...base, can_decide: false, reason: `the task is ${task.status.replaceAll('_', ' ')}`, reason_code: 'approval_already_decided', note: null };
  if (viewer === undefined) return { ...base, can_decide: false, reason: 'no caller to judge: authentication is off and no `as` was given', reason_code: null, note: null };
  const by = viewer.trim().toLowerCase();
  const check = checkDecider(task, { by, delegators: await app.approvals.delegatorsOf(by, app.engine.clock.now()), facts });
  if (check.allowed) return { ...base, can_decide: true, reason: null, reason_code: null, note: null };
  return { ...base, can_decide: false, reason: check.refusal.message, reason_code: check.refusal.code, note: check.refusal.note };
}
