/**
 * Whether the caller can decide each task of a list, by the same check the
 * decision makes (check-decider.ts), loading what it reads once for the list:
 * each run, version, team and the runs' decisions once.
 */
import { authorityFactsLoader } from '../approvals/authority-facts.ts';
import type { Refusal } from '../approvals/approval-authority.ts';
import { checkDecider } from '../approvals/check-decider.ts';
import type { ApprovalTaskRecord } from '../store/approval-records.ts';
import type { AppContext } from './app-context.ts';

export interface TaskDecidability {
  /** Whether the caller may decide the task now; false for a task no longer pending. */
  canDecide: boolean;
  /** Why they cannot (the refusal deciding would give); null when they can or the task is not pending. */
  cannotDecideReason: string | null;
  /** The refusal's code, and what it says to the caller (Refusal.note); null when no rule refused them. */
  cannotDecideCode: Refusal['code'] | null;
  cannotDecideNote: string | null;
}

const NOT_PENDING: TaskDecidability = { canDecide: false, cannotDecideReason: null, cannotDecideCode: null, cannotDecideNote: null };
const NO_CALLER: TaskDecidability = { canDecide: false, cannotDecideReason: 'no caller to judge: authentication is off and no `as` was given', cannotDecideCode: null, cannotDecideNote: null };
const DECIDABLE: TaskDecidability = { canDecide: true, cannotDecideReason: null, cannotDecideCode: null, cannotDecideNote: null };

/** Who looks at a list: their email (lower case) and the approvers who have delegated to them now. */
export interface ApprovalViewer {
  email: string;
  delegators: readonly string[];
}

/** The viewer `email` is, with their delegators read once for both the listing and the judging. */
export async function approvalViewer(app: AppContext, email: string): Promise<ApprovalViewer> {
  const me = email.trim().toLowerCase();
  return { email: me, delegators: await app.approvals.delegatorsOf(me, app.engine.clock.now()) };
}

/** Answers, for each of `tasks`, whether `viewer` (undefined: nobody known) can decide it. */
export async function decidabilityOf(app: AppContext, tasks: readonly ApprovalTaskRecord[], viewer: ApprovalViewer | undefined): Promise<(task: ApprovalTaskRecord) => TaskDecidability> {
  const pending = tasks.filter((task) => task.status === 'pending');
  if (viewer === undefined || pending.length === 0) return (task) => (task.status === 'pending' ? NO_CALLER : NOT_PENDING);
  const { email: by, delegators } = viewer;
  const factsOf = await authorityFactsLoader({ approvals: app.approvals, store: app.engine.store }, pending);
  return (task) => {
    if (task.status !== 'pending') return NOT_PENDING;
    const check = checkDecider(task, { by, delegators, facts: factsOf(task) });
    if (check.allowed) return DECIDABLE;
    const { refusal } = check;
    return { canDecide: false, cannotDecideReason: refusal.message, cannotDecideCode: refusal.code, cannotDecideNote: refusal.note };
  };
}
