/**
 * What the approval step needs from the approvals module: open a task (once,
 * whatever the re-runs), read it, and settle it when its timeout passes.
 * Decisions arrive from outside (API, CLI) and wake the step.
 */

import type { ApprovalStatus } from '../core/statuses.ts';
import type { ApprovalOutcome, ApprovalTaskRecord, NewApprovalTask } from '../store/approval-records.ts';

export interface ApprovalGateway {
  /** Opens the task unless it exists (a re-run of the step); says whether it was new. */
  open(task: NewApprovalTask): Promise<{ task: ApprovalTaskRecord; created: boolean }>;
  get(id: string): Promise<ApprovalTaskRecord | undefined>;
  /** Ends a pending task with `outcome` (a timeout: auto-reject, or timed out). */
  settle(id: string, outcome: ApprovalOutcome, status: ApprovalStatus): Promise<ApprovalTaskRecord>;
  /** Hands a pending task to another team (escalation on timeout). */
  reassign(id: string, input: { team: string; approvers: string[]; dueAt: Date | null }): Promise<ApprovalTaskRecord>;
  /** The person who submitted a catalog request, who never approves it. */
  requester(requestId: string): Promise<string | null>;
  /** Who belongs to a team, to fix a task's approvers. */
  teamMembers(teamId: string): Promise<string[] | undefined>;
  /** Tells the approvers a task waits for them (email), or, with `reminder` (1, 2, ...), that it still does; idempotent by key. */
  notify(task: ApprovalTaskRecord, idempotencyKey: string, reminder?: number): Promise<void>;
}
