import { emitEvent, unixNow, type OperationContext } from '../operation-context.ts';
import { SandboxApiError, unexpectedState } from '../sandbox-errors.ts';
import type { PaymentIntent } from '../stripe-objects.ts';
import { createChargeForPaymentIntent, type ChargeFailure } from './charges.ts';

/** Stripe's test payment methods that decline; any other `pm_…` succeeds. */
const DECLINING_PAYMENT_METHODS = new Map<string, ChargeFailure>([
  ['pm_card_chargeDeclined', { code: 'card_declined', declineCode: 'generic_decline', message: 'Your card was declined.' }],
  ['pm_card_chargeDeclinedInsufficientFunds', { code: 'card_declined', declineCode: 'insufficient_funds', message: 'Your card has insufficient funds.' }],
  ['pm_card_chargeDeclinedFraudulent', { code: 'card_declined', declineCode: 'fraudulent', message: 'Your card was declined.' }],
  ['pm_card_chargeDeclinedExpiredCard', { code: 'expired_card', declineCode: 'expired_card', message: 'Your card has expired.' }],
]);

const CONFIRMABLE = new Set(['requires_payment_method', 'requires_confirmation']);

/**
 * Confirms a payment intent: creates its charge and moves it to `succeeded`
 * (events `charge.succeeded`, `payment_intent.succeeded`). A declining test
 * payment method leaves it in `requires_payment_method` with
 * `last_payment_error`, emits `charge.failed` and
 * `payment_intent.payment_failed`, and throws a 402 `card_error`.
 */
export function confirmPaymentIntent(ctx: OperationContext, intent: PaymentIntent): PaymentIntent {
  if (!CONFIRMABLE.has(intent.status)) {
    throw unexpectedState(
      'payment_intent_unexpected_state',
      `You cannot confirm this PaymentIntent because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be confirmed: requires_confirmation, requires_action, requires_payment_method.`,
    );
  }
  if (intent.payment_method === null) {
    throw unexpectedState(
      'payment_intent_unexpected_state',
      `You cannot confirm this PaymentIntent because it's missing a payment method. Pass payment_method (for example pm_card_visa) when you confirm ${intent.id}.`,
    );
  }
  const failure = DECLINING_PAYMENT_METHODS.get(intent.payment_method);
  const charge = createChargeForPaymentIntent(ctx, intent, failure);
  intent.latest_charge = charge.id;
  if (failure !== undefined) {
    intent.status = 'requires_payment_method';
    const error = {
      type: 'card_error' as const,
      code: failure.code,
      decline_code: failure.declineCode,
      message: failure.message,
      charge: charge.id,
      payment_method: { id: intent.payment_method, object: 'payment_method', type: 'card' },
    };
    intent.last_payment_error = error;
    emitEvent(ctx, 'payment_intent.payment_failed', intent);
    throw new SandboxApiError(402, { ...error, payment_intent: structuredClone(intent) });
  }
  intent.status = 'succeeded';
  intent.amount_received = intent.amount;
  intent.last_payment_error = null;
  emitEvent(ctx, 'payment_intent.succeeded', intent);
  return intent;
}

/** Cancels a payment intent that has not succeeded; emits `payment_intent.canceled`. */
export function cancelPaymentIntent(ctx: OperationContext, intent: PaymentIntent, reason: string | null): PaymentIntent {
  if (intent.status === 'succeeded' || intent.status === 'canceled') {
    throw unexpectedState(
      'payment_intent_unexpected_state',
      `You cannot cancel this PaymentIntent because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be canceled: requires_payment_method, requires_capture, requires_confirmation, requires_action, processing.`,
    );
  }
  intent.status = 'canceled';
  intent.canceled_at = unixNow(ctx);
  intent.cancellation_reason = reason;
  emitEvent(ctx, 'payment_intent.canceled', intent);
  return intent;
}
