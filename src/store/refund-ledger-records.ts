/** The refund reservation ledger's records: what a money call reserved and how it ended. */

export const ReservationStatus = {
  /** Written before the call; the money may or may not have moved. */
  reserved: 'reserved',
  /** The call succeeded: `resultId` is the refund or credit note. */
  settled: 'settled',
  /** The call failed for certain: nothing moved. */
  released: 'released',
} as const;
export type ReservationStatus = (typeof ReservationStatus)[keyof typeof ReservationStatus];

export interface RefundReservation {
  id: string;
  idempotencyKey: string;
  /** The operation that moves the money, e.g. `stripe.refunds.create`. */
  operation: string;
  /** The charge the money comes from (a credit note's: its invoice). */
  targetId: string;
  paymentIntentId: string | null;
  customerId: string | null;
  workflowId: string;
  runId: string;
  stepPath: string;
  /** Minor units. */
  amount: number;
  currency: string;
  status: ReservationStatus;
  resultId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export type NewReservation = Omit<RefundReservation, 'id' | 'status' | 'resultId' | 'createdAt' | 'updatedAt'>;

/** What a listing of the ledger selects; ids sort by creation, so `cursor` pages newest first. */
export interface ReservationFilter {
  status?: ReservationStatus;
  /** The charge (or invoice) id. */
  targetId?: string;
  customerId?: string;
  workflowId?: string;
  /** Only the reservations of runs this person may read (store/run-visibility.ts). */
  visibleTo?: string;
  limit: number;
  cursor?: string;
}

/** A cap counted over the ledger: reserved and settled amounts since `since`, in `currency`. */
export interface LedgerCap {
  per: 'customer' | 'workflow' | 'account';
  since: Date;
  /** Minor units. */
  max: number;
  currency: string;
  /** How people name it, e.g. `2000 usd per customer per 1d`. */
  label: string;
}

/** What a reservation must fit in: what the target still holds outside the ledger, and the caps. */
export interface ReservationLimits {
  /** The target's refundable amount less refunds the ledger does not hold (made outside Tollgate). */
  available: number;
  caps: readonly LedgerCap[];
}

export type ReserveResult =
  | { kind: 'reserved'; reservation: RefundReservation }
  /** A re-run of the same call (same idempotency key): its reservation, reserved or settled, reused. */
  | { kind: 'existing'; reservation: RefundReservation }
  /** Other live reservations and settled refunds of the target leave less than the amount. */
  | { kind: 'exceeds_refundable'; available: number; held: number }
  | { kind: 'limit_exceeded'; cap: LedgerCap; used: number };

/** The refundable amount an approval review showed while its task was pending: what the approvers saw. */
export interface ApprovalView {
  taskId: string;
  /** The charge (or invoice) id. */
  targetId: string;
  /** Minor units. */
  refundable: number;
  currency: string;
  seenAt: Date;
}
