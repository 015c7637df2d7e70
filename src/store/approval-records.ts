/** Approval tasks and decisions, as the store keeps them and the engine reads them. */

import type { ApprovalStatus } from '../core/statuses.ts';
import type { Field } from '../definition/field-schema.ts';

export type Quorum = 'any' | 'all' | number;

/** An amount in major units (6000 = 6,000 USD) and its lower-case ISO 4217 currency. */
export interface MajorMoney {
  amount: number;
  currency: string;
}

/**
 * What approving a task leads to, worked out when it opened: the next step
 * that moves money, as an approver reads it in the inbox before opening the task.
 */
export interface ApprovalLeadsTo {
  /** The step's id. */
  step: string;
  /** In words, e.g. `Refund 25.00 USD on ch_123`. */
  summary: string;
  /** The Stripe object the step acts on (`ch_…`, `pi_…`), when it names one. */
  target: string | null;
  /** What it moves, in minor units; the currency is null when the charge could not be read. */
  amount: { minor: number; currency: string | null } | null;
}

/** An approval step's output: `{decision, comment, by, at}`, plus any form values the approver filled in. */
export interface ApprovalOutcome {
  decision: 'approved' | 'rejected' | 'timed_out';
  comment: string | null;
  by: string | null;
  at: string;
  values?: Record<string, unknown>;
}

export interface ApprovalTaskRecord {
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
  /** The fields the approver fills in (the step's `form`, as parsed); null when it has none. */
  form: Field[] | null;
  requestId: string | null;
  requester: string | null;
  status: ApprovalStatus;
  dueAt: Date | null;
  outcome: ApprovalOutcome | null;
  createdAt: Date;
  decidedAt: Date | null;
  /** What deciding puts at stake (the step's `amount` and `currency`); null when the step declares none. */
  stake: MajorMoney | null;
  /** What approving leads to when the task opened (migration 0022); null when no money-moving step follows. */
  leadsTo: ApprovalLeadsTo | null;
}

export type NewApprovalTask = Omit<ApprovalTaskRecord, 'status' | 'outcome' | 'decidedAt'>;

export interface ApprovalDecisionRecord {
  taskId: string;
  userEmail: string;
  onBehalfOf: string | null;
  decision: 'approved' | 'rejected';
  comment: string | null;
  values: Record<string, unknown> | null;
  decidedAt: Date;
}
