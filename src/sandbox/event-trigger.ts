import { checkEventTypeSyntax, generatedObject, objectKindOf } from './generated-event-object.ts';
import { emitEvent, type OperationContext } from './operation-context.ts';
import { getCharge } from './resources/charges.ts';
import { createCreditNote } from './resources/credit-notes.ts';
import { createCustomer, getCustomer } from './resources/customers.ts';
import { createDispute } from './resources/disputes.ts';
import { createEarlyFraudWarning } from './resources/early-fraud-warnings.ts';
import { createPaidInvoice } from './resources/invoices.ts';
import { confirmPaymentIntent } from './resources/payment-confirmation.ts';
import { createPaymentIntent } from './resources/payment-intents.ts';
import { createRefund } from './resources/refunds.ts';
import { invalidRequest, SandboxApiError } from './sandbox-errors.ts';
import type { Charge, Customer, PaymentIntent, StripeEvent, StripeObject } from './stripe-objects.ts';

/** Options for a triggered event; the objects behind it use them. */
export interface TriggerOptions {
  /** Minor units; default 2000. */
  amount?: number;
  /** Default `usd`. */
  currency?: string;
  /** An existing customer id; by default a new customer is created. */
  customer?: string;
  metadata?: Record<string, string>;
  /** A connected account id, put on the emitted events as `account`. */
  account?: string;
  /** An existing charge (`ch_…`) for a dispute or an early fraud warning: it is on that charge, not on a new payment. */
  charge?: string;
}

/** The object kinds `charge` applies to: what a card issuer reports about a payment already made. */
const ABOUT_A_CHARGE = ['dispute', 'radar.early_fraud_warning'];

type Scenario = (ctx: OperationContext, options: TriggerOptions) => void;

const SCENARIOS = new Map<string, Scenario>([
  ['customer.created', (ctx, options) => void createCustomer(ctx, { name: 'Jenny Rosen', email: 'jenny.rosen@example.com', metadata: options.metadata ?? {} })],
  ['payment_intent.created', (ctx, options) => void pay(ctx, options, { confirm: false })],
  ['payment_intent.succeeded', (ctx, options) => void pay(ctx, options)],
  ['payment_intent.payment_failed', (ctx, options) => void pay(ctx, options, { paymentMethod: 'pm_card_chargeDeclined' })],
  ['charge.succeeded', (ctx, options) => void pay(ctx, options)],
  ['charge.failed', (ctx, options) => void pay(ctx, options, { paymentMethod: 'pm_card_chargeDeclined' })],
  ['charge.refunded', (ctx, options) => void createRefund(ctx, { payment_intent: pay(ctx, options).id, reason: 'requested_by_customer' })],
  ['refund.created', (ctx, options) => void createRefund(ctx, { payment_intent: pay(ctx, options).id, reason: 'requested_by_customer' })],
  ['radar.early_fraud_warning.created', (ctx, options) => void createEarlyFraudWarning(ctx, paidCharge(ctx, options), 'misc')],
  ['invoice.paid', (ctx, options) => void paidInvoice(ctx, options)],
  ['credit_note.created', (ctx, options) => {
    const invoice = paidInvoice(ctx, options);
    createCreditNote(ctx, { invoice: invoice.id, amount: String(invoice.total), credit_amount: String(invoice.total), reason: 'order_change' });
  }],
]);

/** The event types with a scenario, like `stripe trigger`'s fixtures: their events come from real API operations. */
export const TRIGGER_EVENT_TYPES: readonly string[] = [...SCENARIOS.keys()];

// Kinds the sandbox stores: an event of another type about them (charge.updated) carries a real object.
const REAL_OBJECTS = new Map<string, (ctx: OperationContext, options: TriggerOptions) => StripeObject>([
  ['customer', (ctx, options) => customerFor(ctx, options)],
  ['payment_intent', (ctx, options) => pay(ctx, options)],
  ['charge', (ctx, options) => paidCharge(ctx, options)],
  ['refund', (ctx, options) => createRefund(ctx, { payment_intent: pay(ctx, options).id, reason: 'requested_by_customer' })],
  ['invoice', (ctx, options) => paidInvoice(ctx, options)],
  ['radar.early_fraud_warning', (ctx, options) => createEarlyFraudWarning(ctx, paidCharge(ctx, options), 'misc')],
  ['dispute', (ctx, options) => createDispute(ctx, paidCharge(ctx, options), options.metadata)],
]);

/**
 * Creates the objects behind an event type and emits their events, as `stripe
 * trigger` does; returns the emitted event of the requested type. A type
 * without a scenario gets a real object where the sandbox stores its kind
 * (a charge for `charge.captured`), else a generated one of the right kind.
 */
export function triggerEvent(ctx: OperationContext, type: string, options: TriggerOptions): StripeEvent {
  checkEventTypeSyntax(type);
  if (options.charge !== undefined) checkChargeOption(type, options);
  const scenario = SCENARIOS.get(type);
  if (scenario === undefined) {
    const real = REAL_OBJECTS.get(objectKindOf(type));
    return emitEvent(ctx, type, real === undefined ? generatedObject(ctx, type, options) : real(ctx, options));
  }
  scenario(ctx, options);
  const event = ctx.emitted.findLast((emitted) => emitted.type === type);
  if (event === undefined) throw new Error(`triggering ${type} emitted no ${type} event`);
  return event;
}

function checkChargeOption(type: string, options: TriggerOptions): void {
  if (!ABOUT_A_CHARGE.includes(objectKindOf(type))) {
    throw invalidRequest(`"charge" applies to a dispute or an early fraud warning (charge.dispute.*, radar.early_fraud_warning.*), not to ${type}.`, { param: 'charge' });
  }
  const taken = (['amount', 'currency', 'customer'] as const).find((field) => options[field] !== undefined);
  if (taken !== undefined) throw invalidRequest(`"${taken}" cannot go with "charge": the ${type} takes its amount, currency and customer from ${options.charge}.`, { param: taken });
}

/** The charge an event is about: the one `options.charge` names, else a new payment's. */
function paidCharge(ctx: OperationContext, options: TriggerOptions): Charge {
  if (options.charge !== undefined) return getCharge(ctx, options.charge, 'charge');
  const charge = ctx.state.charges.get(pay(ctx, options).latest_charge ?? '');
  if (charge === undefined) throw new Error('the triggered payment has no charge');
  return charge;
}

function customerFor(ctx: OperationContext, options: TriggerOptions): Customer {
  if (options.customer !== undefined) return getCustomer(ctx, options.customer, 'customer');
  return createCustomer(ctx, { name: 'Jenny Rosen', email: 'jenny.rosen@example.com' });
}

function pay(ctx: OperationContext, options: TriggerOptions, how: { confirm?: boolean; paymentMethod?: string } = {}): PaymentIntent {
  const customer = customerFor(ctx, options);
  const intent = createPaymentIntent(ctx, {
    amount: String(options.amount ?? 2000),
    currency: options.currency ?? 'usd',
    customer: customer.id,
    payment_method: how.paymentMethod ?? 'pm_card_visa',
    metadata: options.metadata ?? {},
  });
  if (how.confirm === false) return intent;
  try {
    return confirmPaymentIntent(ctx, intent);
  } catch (error) {
    // A decline is the point of the failure scenarios; its events are already emitted.
    if (error instanceof SandboxApiError && error.body.type === 'card_error') return intent;
    throw error;
  }
}

function paidInvoice(ctx: OperationContext, options: TriggerOptions): ReturnType<typeof createPaidInvoice> {
  return createPaidInvoice(ctx, { customer: customerFor(ctx, options), amount: options.amount ?? 2000, currency: options.currency ?? 'usd', metadata: options.metadata ?? {} });
}
