/** A money-moving call a step made, as its commit carries it to the audit trail (step-commit/money-audit.ts). */
export interface MoneyCall {
  /** The operation, e.g. `stripe.refunds.create`. */
  operation: string;
  /** `moved`: it answered; `refused`: it answered with an error; `unknown`: no answer (a timeout, a network error). */
  outcome: 'moved' | 'refused' | 'unknown';
  /** The refund or credit note id, when it answered with one. */
  objectId: string | null;
  amount: number | null;
  currency: string | null;
  /** The charge, payment intent or invoice it acted on. */
  charge: string | null;
  paymentIntent: string | null;
  invoice: string | null;
  idempotencyKey: string;
  /** The error's code when it was refused or its outcome is unknown. */
  errorCode: string | null;
}
