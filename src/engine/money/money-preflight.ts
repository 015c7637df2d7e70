/**
 * The pre-flight rules of a refund or credit note, on the target read just
 * before the call: pure, so each refusal is easy to test and to read.
 */
import { PermanentError } from '../../core/errors.ts';
import { formatMoney } from '../../expression/money.ts';
import type { MoneyTarget } from './money-operation.ts';

/** What the approvers of the run's latest approval saw refundable, less what this run refunded since. */
export interface ApprovalSeen {
  taskId: string;
  /** Minor units: the refundable amount the review showed, less this run's own refunds of the target since. */
  expected: number;
}

/**
 * Refuses (PermanentError, for `on_error`) a call on a disputed charge, one
 * whose refundable amount changed since the last approval, or one for more
 * than is left.
 */
export function checkPreflight(target: MoneyTarget, options: { approval: ApprovalSeen | undefined; path: string }): void {
  const money = (minor: number): string => formatMoney(minor, target.currency);
  if (target.disputed) {
    throw new PermanentError('charge_disputed', `${options.path}: ${target.id} is disputed; a refund now could pay the customer twice. Answer the dispute instead.`, {
      details: { target: target.id },
    });
  }
  const refundable = target.total - target.refunded;
  if (options.approval !== undefined && options.approval.expected !== refundable) {
    const { taskId, expected } = options.approval;
    throw new PermanentError(
      'charge_changed_since_approval',
      `${options.path}: ${money(refundable)} of ${target.id} is refundable now, but the approvers of ${taskId} saw ${money(expected)}; ask for a new approval`,
      { details: { target: target.id, task: taskId, refundable, refundable_at_approval: expected } },
    );
  }
  if (refundable <= 0) {
    // Stripe's own code for it, so an `on_error` written against Stripe's answer reads the same.
    throw new PermanentError('charge_already_refunded', `${options.path}: ${target.id} has already been refunded in full (${money(target.refunded)})`, {
      details: { target: target.id, amount: target.amount, refundable },
    });
  }
  if (target.amount > refundable) {
    throw new PermanentError('refund_exceeds_refundable', `${options.path}: ${money(target.amount)} asked, but only ${money(refundable)} of ${target.id} is still refundable`, {
      details: { target: target.id, amount: target.amount, refundable },
    });
  }
}
