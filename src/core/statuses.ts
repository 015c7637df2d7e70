/** Every status in one place: `as const` objects with a derived union, used by fields and columns alike. */

export const WorkflowStatus = { draft: 'draft', active: 'active', inactive: 'inactive', archived: 'archived' } as const;
export type WorkflowStatus = (typeof WorkflowStatus)[keyof typeof WorkflowStatus];

export const RunStatus = {
  running: 'running',
  waiting: 'waiting',
  succeeded: 'succeeded',
  failed: 'failed',
  cancelled: 'cancelled',
} as const;
export type RunStatus = (typeof RunStatus)[keyof typeof RunStatus];
export type FinalRunStatus = typeof RunStatus.succeeded | typeof RunStatus.failed | typeof RunStatus.cancelled;

export function isFinal(status: RunStatus): status is FinalRunStatus {
  return status === RunStatus.succeeded || status === RunStatus.failed || status === RunStatus.cancelled;
}

/** The state of one step attempt in the journal. */
export const AttemptStatus = {
  succeeded: 'succeeded',
  failed: 'failed',
  /** Failed transiently; another attempt is scheduled. */
  retrying: 'retrying',
  /** Parked: a timer, an approval, a child run. */
  waiting: 'waiting',
  /** The run was cancelled while the attempt was in flight. */
  cancelled: 'cancelled',
} as const;
export type AttemptStatus = (typeof AttemptStatus)[keyof typeof AttemptStatus];

/**
 * The states of a catalog request: open while its run goes on, then closed
 * with the run: completed (with the run's outcome), rejected (an approval said
 * no and the run ended so), failed (the run failed) or cancelled.
 */
export const RequestStatus = {
  open: 'open',
  completed: 'completed',
  rejected: 'rejected',
  failed: 'failed',
  cancelled: 'cancelled',
} as const;
export type RequestStatus = (typeof RequestStatus)[keyof typeof RequestStatus];

export const REQUEST_STATUSES = Object.values(RequestStatus);

/** The state of an approval task. */
export const ApprovalStatus = {
  pending: 'pending',
  approved: 'approved',
  rejected: 'rejected',
  timedOut: 'timed_out',
  cancelled: 'cancelled',
} as const;
export type ApprovalStatus = (typeof ApprovalStatus)[keyof typeof ApprovalStatus];

/** One approver's decision on an approval task. */
export const ApprovalDecision = { approved: 'approved', rejected: 'rejected' } as const;
export type ApprovalDecision = (typeof ApprovalDecision)[keyof typeof ApprovalDecision];

/** Delivery state of a message `email.send` recorded: `sent` means handed to its transport (kept in the outbox, or accepted by the SMTP server). */
export const OutboxStatus = {
  sending: 'sending',
  sent: 'sent',
  failed: 'failed',
} as const;
export type OutboxStatus = (typeof OutboxStatus)[keyof typeof OutboxStatus];

/** How an outbox message is delivered: kept in the built-in outbox, or sent over SMTP. */
export const OutboxTransport = { outbox: 'outbox', smtp: 'smtp' } as const;
export type OutboxTransport = (typeof OutboxTransport)[keyof typeof OutboxTransport];

/** Where a claimed `Idempotency-Key` stands. */
export const IdempotencyState = {
  /** Claimed; the call is running, or its process died before the answer was saved. */
  inFlight: 'in_flight',
  /** The call ended and its answer is saved. */
  answered: 'answered',
  /** The call ended in an error that leaves unknown whether it took effect. */
  unknown: 'unknown',
} as const;
export type IdempotencyState = (typeof IdempotencyState)[keyof typeof IdempotencyState];
