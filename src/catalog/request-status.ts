/** The states of a catalog request: open while its run goes on, then closed with the run. */
export const RequestStatus = {
  open: 'open',
  completed: 'completed',
  rejected: 'rejected',
  cancelled: 'cancelled',
} as const;
export type RequestStatus = (typeof RequestStatus)[keyof typeof RequestStatus];

export const REQUEST_STATUSES = Object.values(RequestStatus);
