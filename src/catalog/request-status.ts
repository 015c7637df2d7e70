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
