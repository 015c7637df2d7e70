import { randomBytes } from 'node:crypto';
import type { FormObject } from '../form-decoder.ts';
import { paginate } from '../list-pagination.ts';
import { emitEvent, newObjectId, unixNow, type OperationContext } from '../operation-context.ts';
import {
  assertKnownParams,
  LIST_PARAMS,
  mergeMetadata,
  readBoolean,
  readCurrency,
  readEnum,
  readHash,
  readInteger,
  readNullableString,
  readString,
  readStringList,
  requireCurrency,
  requireInteger,
} from '../param-readers.ts';
import { resourceMissing, unexpectedState } from '../sandbox-errors.ts';
import { retrieveRoute, type Route } from '../sandbox-route.ts';
import type { PaymentIntent } from '../stripe-objects.ts';
import { getCustomer } from './customers.ts';
import { cancelPaymentIntent, confirmPaymentIntent } from './payment-confirmation.ts';

const CREATE_PARAMS = [
  'amount', 'currency', 'customer', 'description', 'metadata', 'confirm', 'payment_method', 'payment_method_types',
  'receipt_email', 'automatic_payment_methods', 'capture_method', 'off_session', 'return_url', 'statement_descriptor_suffix',
];
const UPDATE_PARAMS = ['amount', 'currency', 'customer', 'description', 'metadata', 'payment_method', 'receipt_email', 'statement_descriptor_suffix'];
const CONFIRM_PARAMS = ['payment_method', 'receipt_email', 'return_url', 'off_session'];
const CANCELLATION_REASONS = ['duplicate', 'fraudulent', 'requested_by_customer', 'abandoned'] as const;

/** POST /v1/payment_intents: emits `payment_intent.created`, then confirms when `confirm=true`. */
export function createPaymentIntent(ctx: OperationContext, params: FormObject): PaymentIntent {
  assertKnownParams(params, CREATE_PARAMS);
  const amount = requireInteger(params, 'amount', { min: 1 });
  const currency = requireCurrency(params);
  const customer = readString(params, 'customer');
  if (customer !== undefined) getCustomer(ctx, customer, 'customer');
  const automatic = readHash(params, 'automatic_payment_methods');
  const id = newObjectId(ctx, 'pi');
  const intent: PaymentIntent = {
    id,
    object: 'payment_intent',
    amount,
    amount_capturable: 0,
    amount_details: { tip: {} },
    amount_received: 0,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: automatic === undefined ? null : { allow_redirects: 'always', enabled: readBoolean(automatic, 'enabled') ?? false },
    canceled_at: null,
    cancellation_reason: null,
    capture_method: readEnum(params, 'capture_method', ['automatic', 'automatic_async']) ?? 'automatic_async',
    client_secret: `${id}_secret_${randomBytes(12).toString('hex')}`,
    confirmation_method: 'automatic',
    created: unixNow(ctx),
    currency,
    customer: customer ?? null,
    description: readNullableString(params, 'description') ?? null,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    metadata: mergeMetadata({}, params.metadata),
    next_action: null,
    on_behalf_of: null,
    payment_method: readString(params, 'payment_method') ?? null,
    payment_method_configuration_details: null,
    payment_method_options: { card: { installments: null, mandate_options: null, network: null, request_three_d_secure: 'automatic' } },
    payment_method_types: readStringList(params, 'payment_method_types') ?? ['card'],
    processing: null,
    receipt_email: readNullableString(params, 'receipt_email') ?? null,
    review: null,
    setup_future_usage: null,
    shipping: null,
    source: null,
    statement_descriptor: null,
    statement_descriptor_suffix: readNullableString(params, 'statement_descriptor_suffix') ?? null,
    status: 'requires_payment_method',
    transfer_data: null,
    transfer_group: null,
  };
  if (intent.payment_method !== null) intent.status = 'requires_confirmation';
  const confirm = readBoolean(params, 'confirm') ?? false;
  readBoolean(params, 'off_session');
  ctx.state.payment_intents.set(intent.id, intent);
  emitEvent(ctx, 'payment_intent.created', intent);
  return confirm ? confirmPaymentIntent(ctx, intent) : intent;
}

/** The payment intent with this id, or a 404 naming `param`. */
export function getPaymentIntent(ctx: OperationContext, id: string, param = 'id'): PaymentIntent {
  const intent = ctx.state.payment_intents.get(id);
  if (intent === undefined) throw resourceMissing('payment_intent', id, param);
  return intent;
}

/** POST /v1/payment_intents/:id. Amount, currency and payment method only change before success; metadata always. */
function updatePaymentIntent(ctx: OperationContext, params: FormObject, id: string): PaymentIntent {
  const intent = getPaymentIntent(ctx, id);
  assertKnownParams(params, UPDATE_PARAMS);
  const amount = readInteger(params, 'amount', { min: 1 });
  const currency = readCurrency(params);
  const paymentMethod = readString(params, 'payment_method');
  const customer = readString(params, 'customer');
  if (customer !== undefined) getCustomer(ctx, customer, 'customer');
  const changesPayment = amount !== undefined || currency !== undefined || paymentMethod !== undefined;
  if (changesPayment && (intent.status === 'succeeded' || intent.status === 'canceled')) {
    throw unexpectedState('payment_intent_unexpected_state', `You cannot update the amount, currency or payment method of a PaymentIntent with a status of ${intent.status} (${intent.id}).`);
  }
  if (amount !== undefined) intent.amount = amount;
  if (currency !== undefined) intent.currency = currency;
  if (customer !== undefined) intent.customer = customer;
  if (paymentMethod !== undefined) {
    intent.payment_method = paymentMethod;
    intent.status = 'requires_confirmation';
  }
  for (const field of ['description', 'receipt_email', 'statement_descriptor_suffix'] as const) {
    const value = readNullableString(params, field);
    if (value !== undefined) intent[field] = value;
  }
  intent.metadata = mergeMetadata(intent.metadata, params.metadata);
  return intent;
}

function confirmRoute(ctx: OperationContext, params: FormObject, id: string): PaymentIntent {
  const intent = getPaymentIntent(ctx, id);
  assertKnownParams(params, CONFIRM_PARAMS);
  const paymentMethod = readString(params, 'payment_method');
  if (paymentMethod !== undefined) intent.payment_method = paymentMethod;
  const receiptEmail = readNullableString(params, 'receipt_email');
  if (receiptEmail !== undefined) intent.receipt_email = receiptEmail;
  readBoolean(params, 'off_session');
  return confirmPaymentIntent(ctx, intent);
}

function cancelRoute(ctx: OperationContext, params: FormObject, id: string): PaymentIntent {
  const intent = getPaymentIntent(ctx, id);
  assertKnownParams(params, ['cancellation_reason']);
  return cancelPaymentIntent(ctx, intent, readEnum(params, 'cancellation_reason', CANCELLATION_REASONS) ?? null);
}

function listPaymentIntents(ctx: OperationContext, params: FormObject): ReturnType<typeof paginate<PaymentIntent>> {
  assertKnownParams(params, [...LIST_PARAMS, 'customer']);
  const customer = readString(params, 'customer');
  return paginate(ctx.state.payment_intents.values(), params, {
    url: '/v1/payment_intents',
    kind: 'payment_intent',
    filter: (intent) => customer === undefined || intent.customer === customer,
  });
}

export const paymentIntentRoutes: readonly Route[] = [
  { method: 'POST', path: '/v1/payment_intents', handler: createPaymentIntent },
  { method: 'GET', path: '/v1/payment_intents', handler: listPaymentIntents },
  retrieveRoute('/v1/payment_intents/:id', (ctx, id) => getPaymentIntent(ctx, id)),
  { method: 'POST', path: '/v1/payment_intents/:id', handler: updatePaymentIntent },
  { method: 'POST', path: '/v1/payment_intents/:id/confirm', handler: confirmRoute },
  { method: 'POST', path: '/v1/payment_intents/:id/cancel', handler: cancelRoute },
];
