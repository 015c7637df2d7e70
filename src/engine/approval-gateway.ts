/**
 * What the approval step needs from the approvals module: open a task (once,
 * whatever the re-runs), read it, and settle it when its timeout passes.
 * Decisions arrive from outside (API, CLI) and wake the step.
 */

export const ApprovalStatus = {
  pending: 'pending',
  approved: 'approved',
  rejected: 'rejected',
  timedOut: 'timed_out',
  cancelled: 'cancelled',
} as const;
export type ApprovalStatus = (typeof ApprovalStatus)[keyof typeof ApprovalStatus];

export type Quorum = 'any' | 'all' | number;

/** The step's output: `{decision, comment, by, at}`, plus any form values the approver filled in. */
export interface ApprovalOutcome {
  decision: 'approved' | 'rejected' | 'timed_out';
  comment: string | null;
  by: string | null;
  at: string;
  values?: Record<string, unknown>;
}

export interface ApprovalTask {
  id: string;
  runId: string;
  stepPath: string;
  visit: number;
  workflowId: string;
  title: string;
  assigneeTeam: string | null;
  /** Who may decide, fixed when the task opens (the requester is never among them). */
  approvers: string[];
  quorum: Quorum;
  requireCommentOnReject: boolean;
  form: unknown[] | null;
  requestId: string | null;
  requester: string | null;
  status: ApprovalStatus;
  dueAt: Date | null;
  outcome: ApprovalOutcome | null;
  createdAt: Date;
  decidedAt: Date | null;
}

export type NewApprovalTask = Omit<ApprovalTask, 'status' | 'outcome' | 'decidedAt'>;

export interface ApprovalGateway {
  /** Opens the task unless it exists (a re-run of the step); says whether it was new. */
  open(task: NewApprovalTask): Promise<{ task: ApprovalTask; created: boolean }>;
  get(id: string): Promise<ApprovalTask | undefined>;
  /** Ends a pending task with `outcome` (a timeout: auto-reject, or timed out). */
  settle(id: string, outcome: ApprovalOutcome, status: ApprovalStatus): Promise<ApprovalTask>;
  /** Hands a pending task to another team (escalation on timeout). */
  reassign(id: string, input: { team: string; approvers: string[]; dueAt: Date | null }): Promise<ApprovalTask>;
  /** The person who submitted a catalog request, who never approves it. */
  requester(requestId: string): Promise<string | null>;
  /** Who belongs to a team, to fix a task's approvers. */
  teamMembers(teamId: string): Promise<string[] | undefined>;
  /** Tells the approvers a task waits for them (email); idempotent by key. */
  notify(task: ApprovalTask, idempotencyKey: string): Promise<void>;
}
