import type { FormObject } from '../form-decoder.ts';
import { paginate } from '../list-pagination.ts';
import { formatAmount } from '../money-format.ts';
import { previousAttributes } from '../object-diff.ts';
import { emitEvent, newObjectId, unixNow, type OperationContext } from '../operation-context.ts';
import { assertKnownParams, LIST_PARAMS, mergeMetadata, readEnum, readInteger, readString } from '../param-readers.ts';
import { invalidRequest, parameterError, resourceMissing, unexpectedState } from '../sandbox-errors.ts';
import { retrieveRoute, type Route } from '../sandbox-route.ts';
import type { Charge, Refund } from '../stripe-objects.ts';
import { getCharge } from './charges.ts';
import { settleWarnings } from './early-fraud-warnings.ts';
import { getPaymentIntent } from './payment-intents.ts';

export const REFUND_REASONS = ['duplicate', 'fraudulent', 'requested_by_customer'] as const;

/**
 * POST /v1/refunds: refunds `amount` (default: what is left) of a charge, given
 * as `charge` or as `payment_intent` (its latest charge). Updates the charge's
 * `amount_refunded` and `refunded`; emits `refund.created` and `charge.refunded`.
 */
export function createRefund(ctx: OperationContext, params: FormObject): Refund {
  assertKnownParams(params, ['charge', 'payment_intent', 'amount', 'reason', 'metadata']);
  const amount = readInteger(params, 'amount', { min: 1 });
  const reason = readEnum(params, 'reason', REFUND_REASONS) ?? null;
  const metadata = mergeMetadata({}, params.metadata);
  const charge = resolveCharge(ctx, readString(params, 'charge'), readString(params, 'payment_intent'));
  // The sandbox's disputes all take the funds (is_charge_refundable false), as a chargeback does.
  if (charge.disputed) throw invalidRequest(`Charge ${charge.id} has been charged back; cannot issue a refund.`, { code: 'charge_disputed' });
  const remaining = charge.amount - charge.amount_refunded;
  if (remaining <= 0) throw invalidRequest(`Charge ${charge.id} has already been refunded.`, { code: 'charge_already_refunded' });
  const refundAmount = amount ?? remaining;
  if (refundAmount > remaining) {
    throw invalidRequest(
      `Refund amount (${formatAmount(refundAmount, charge.currency)}) is greater than unrefunded amount on charge (${formatAmount(remaining, charge.currency)})`,
      { code: 'amount_too_large', param: 'amount' },
    );
  }
  const refund: Refund = {
    id: newObjectId(ctx, 're'),
    object: 'refund',
    amount: refundAmount,
    balance_transaction: newObjectId(ctx, 'txn'),
    charge: charge.id,
    created: unixNow(ctx),
    currency: charge.currency,
    destination_details: { card: { reference_status: 'pending', reference_type: 'acquirer_reference_number', type: 'refund' }, type: 'card' },
    livemode: false,
    metadata,
    payment_intent: charge.payment_intent,
    reason,
    receipt_number: null,
    source_transfer_reversal: null,
    status: 'succeeded',
    transfer_reversal: null,
  };
  ctx.state.refunds.set(refund.id, refund);
  const before = { amount_refunded: charge.amount_refunded, refunded: charge.refunded };
  charge.amount_refunded += refundAmount;
  charge.refunded = charge.amount_refunded >= charge.amount;
  emitEvent(ctx, 'refund.created', refund);
  emitEvent(ctx, 'charge.refunded', charge, previousAttributes(before, { amount_refunded: charge.amount_refunded, refunded: charge.refunded }));
  settleWarnings(ctx, charge);
  return refund;
}

function resolveCharge(ctx: OperationContext, chargeId: string | undefined, paymentIntentId: string | undefined): Charge {
  if (chargeId !== undefined) {
    const charge = getCharge(ctx, chargeId, 'charge');
    if (paymentIntentId !== undefined && charge.payment_intent !== paymentIntentId) {
      throw invalidRequest(`Charge ${charge.id} does not belong to PaymentIntent ${paymentIntentId}.`, { param: 'payment_intent' });
    }
    return refundable(charge);
  }
  if (paymentIntentId === undefined) {
    throw parameterError('parameter_missing', 'One of the following params should be provided for this request: payment_intent or charge.', 'charge');
  }
  const intent = getPaymentIntent(ctx, paymentIntentId, 'payment_intent');
  const charge = intent.latest_charge === null ? undefined : ctx.state.charges.get(intent.latest_charge);
  if (intent.status !== 'succeeded' || charge === undefined) {
    throw unexpectedState('charge_not_refundable', `This PaymentIntent (${intent.id}) does not have a successful charge to refund.`);
  }
  return refundable(charge);
}

function refundable(charge: Charge): Charge {
  if (charge.status !== 'succeeded') {
    throw unexpectedState('charge_not_refundable', `Charge ${charge.id} has a status of ${charge.status} and cannot be refunded.`);
  }
  return charge;
}

function getRefund(ctx: OperationContext, id: string): Refund {
  const refund = ctx.state.refunds.get(id);
  if (refund === undefined) throw resourceMissing('refund', id, 'id');
  return refund;
}

/** POST /v1/refunds/:id: metadata only; emits `refund.updated`. */
function updateRefund(ctx: OperationContext, params: FormObject, id: string): Refund {
  const refund = getRefund(ctx, id);
  assertKnownParams(params, ['metadata']);
  const before = structuredClone(refund);
  refund.metadata = mergeMetadata(refund.metadata, params.metadata);
  const previous = previousAttributes(before, refund);
  if (previous !== undefined) emitEvent(ctx, 'refund.updated', refund, previous);
  return refund;
}

function listRefunds(ctx: OperationContext, params: FormObject): ReturnType<typeof paginate<Refund>> {
  assertKnownParams(params, [...LIST_PARAMS, 'charge', 'payment_intent']);
  const charge = readString(params, 'charge');
  const paymentIntent = readString(params, 'payment_intent');
  return paginate(ctx.state.refunds.values(), params, {
    url: '/v1/refunds',
    kind: 'refund',
    filter: (refund) => (charge === undefined || refund.charge === charge) && (paymentIntent === undefined || refund.payment_intent === paymentIntent),
  });
}

export const refundRoutes: readonly Route[] = [
  { method: 'POST', path: '/v1/refunds', handler: createRefund },
  { method: 'GET', path: '/v1/refunds', handler: listRefunds },
  retrieveRoute('/v1/refunds/:id', getRefund),
  { method: 'POST', path: '/v1/refunds/:id', handler: updateRefund },
];
