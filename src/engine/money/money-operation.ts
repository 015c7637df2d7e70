/**
 * What the money guard needs from an operation that moves money (a refund, a
 * credit note): read what the money comes from, and tag the call so a later
 * look-up finds it. Connectors add this facet to their Operation.
 */
import type { Operation, OperationContext } from '../operation.ts';

/** An earlier refund or credit note of the target, as Stripe lists it. */
export interface MoneyMovement {
  id: string;
  /** Minor units. */
  amount: number;
  createdAt: Date;
  metadata: Readonly<Record<string, string>>;
  /** The object as the call returns it: a found one becomes the step's output. */
  object: unknown;
}

/** The charge (or a credit note's invoice) a call takes money from, read just before the call. */
export interface MoneyTarget {
  /** The charge id (a credit note's: the invoice id): what the ledger reserves against. */
  id: string;
  paymentIntentId: string | null;
  customerId: string | null;
  currency: string;
  /** What this call moves, minor units: the `amount` given, else all that is left. */
  amount: number;
  /** The most that can ever be given back: the captured amount, or the invoice's total. */
  total: number;
  /** Given back so far, as Stripe counts it. */
  refunded: number;
  disputed: boolean;
  /** Earlier refunds or credit notes of the target (the newest first; a long history may be cut). */
  movements: readonly MoneyMovement[];
}

export interface MoneyFacet {
  /** Reads the target through the step's connector. */
  inspect(input: Record<string, unknown>, context: OperationContext): Promise<MoneyTarget>;
  /** The input to send: `tags` merged into its metadata, and the amount made explicit. */
  prepare(input: Record<string, unknown>, options: { tags: Readonly<Record<string, string>>; amount: number }): Record<string, unknown>;
  /** The id of what the call created (re_…, cn_…). */
  resultId(output: unknown): string;
}

export interface MoneyOperation extends Operation {
  money: MoneyFacet;
}

export function isMoneyOperation(operation: Operation): operation is MoneyOperation {
  return 'money' in operation && operation.spec.movesMoney === true;
}
