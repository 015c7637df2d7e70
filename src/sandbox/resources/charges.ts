import { randomBytes } from 'node:crypto';
import type { FormObject } from '../form-decoder.ts';
import { paginate } from '../list-pagination.ts';
import { previousAttributes } from '../object-diff.ts';
import { emitEvent, newObjectId, unixNow, type OperationContext } from '../operation-context.ts';
import { assertKnownParams, LIST_PARAMS, mergeMetadata, readNullableString, readString } from '../param-readers.ts';
import { resourceMissing } from '../sandbox-errors.ts';
import { retrieveRoute, type Route } from '../sandbox-route.ts';
import type { Charge, PaymentIntent } from '../stripe-objects.ts';

/** Why a card was declined, as test payment methods such as `pm_card_chargeDeclined` ask. */
export interface ChargeFailure {
  code: string;
  declineCode: string;
  message: string;
}

/**
 * Creates the charge for a confirmed payment intent, with the intent's amount,
 * customer and metadata. A failure makes a `failed`, unpaid charge.
 */
export function createChargeForPaymentIntent(ctx: OperationContext, intent: PaymentIntent, failure?: ChargeFailure): Charge {
  const now = unixNow(ctx);
  const succeeded = failure === undefined;
  const charge: Charge = {
    id: newObjectId(ctx, 'ch'),
    object: 'charge',
    amount: intent.amount,
    amount_captured: succeeded ? intent.amount : 0,
    amount_refunded: 0,
    application: null,
    application_fee: null,
    application_fee_amount: null,
    balance_transaction: succeeded ? newObjectId(ctx, 'txn') : null,
    billing_details: { address: { city: null, country: null, line1: null, line2: null, postal_code: null, state: null }, email: null, name: null, phone: null },
    calculated_statement_descriptor: 'TOLLGATE SANDBOX',
    captured: succeeded,
    created: now,
    currency: intent.currency,
    customer: intent.customer,
    description: intent.description,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: failure?.code ?? null,
    failure_message: failure?.message ?? null,
    fraud_details: {},
    livemode: false,
    metadata: { ...intent.metadata },
    on_behalf_of: null,
    outcome: {
      network_status: succeeded ? 'approved_by_network' : 'declined_by_network',
      reason: failure?.declineCode ?? null,
      risk_level: 'normal',
      risk_score: 20,
      seller_message: succeeded ? 'Payment complete.' : 'The bank did not return any further details with this decline.',
      type: succeeded ? 'authorized' : 'issuer_declined',
    },
    paid: succeeded,
    payment_intent: intent.id,
    payment_method: intent.payment_method,
    payment_method_details: {
      card: { brand: 'visa', country: 'US', exp_month: 12, exp_year: new Date(now * 1000).getUTCFullYear() + 3, funding: 'credit', last4: succeeded ? '4242' : '0002', network: 'visa' },
      type: 'card',
    },
    receipt_email: typeof intent.receipt_email === 'string' ? intent.receipt_email : null,
    receipt_number: null,
    receipt_url: succeeded ? `https://pay.stripe.com/receipts/sandbox/${randomBytes(12).toString('hex')}` : null,
    refunded: false,
    review: null,
    shipping: null,
    source: null,
    source_transfer: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: succeeded ? 'succeeded' : 'failed',
    transfer_data: null,
    transfer_group: null,
  };
  ctx.state.charges.set(charge.id, charge);
  emitEvent(ctx, succeeded ? 'charge.succeeded' : 'charge.failed', charge);
  return charge;
}

/** The charge with this id, or a 404 naming `param`. */
export function getCharge(ctx: OperationContext, id: string, param = 'id'): Charge {
  const charge = ctx.state.charges.get(id);
  if (charge === undefined) throw resourceMissing('charge', id, param);
  return charge;
}

/** POST /v1/charges/:id: description, receipt_email and metadata; emits `charge.updated`. */
function updateCharge(ctx: OperationContext, params: FormObject, id: string): Charge {
  const charge = getCharge(ctx, id);
  assertKnownParams(params, ['description', 'receipt_email', 'metadata']);
  const before = structuredClone(charge);
  for (const field of ['description', 'receipt_email'] as const) {
    const value = readNullableString(params, field);
    if (value !== undefined) charge[field] = value;
  }
  charge.metadata = mergeMetadata(charge.metadata, params.metadata);
  const previous = previousAttributes(before, charge);
  if (previous !== undefined) emitEvent(ctx, 'charge.updated', charge, previous);
  return charge;
}

function listCharges(ctx: OperationContext, params: FormObject): ReturnType<typeof paginate<Charge>> {
  assertKnownParams(params, [...LIST_PARAMS, 'customer', 'payment_intent']);
  const customer = readString(params, 'customer');
  const paymentIntent = readString(params, 'payment_intent');
  return paginate(ctx.state.charges.values(), params, {
    url: '/v1/charges',
    kind: 'charge',
    filter: (charge) => (customer === undefined || charge.customer === customer) && (paymentIntent === undefined || charge.payment_intent === paymentIntent),
  });
}

export const chargeRoutes: readonly Route[] = [
  { method: 'GET', path: '/v1/charges', handler: listCharges },
  retrieveRoute('/v1/charges/:id', (ctx, id) => getCharge(ctx, id)),
  { method: 'POST', path: '/v1/charges/:id', handler: updateCharge },
];
