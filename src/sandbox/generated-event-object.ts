import { newObjectId, unixNow, type OperationContext } from './operation-context.ts';
import { invalidRequest } from './sandbox-errors.ts';
import type { StripeObject } from './stripe-objects.ts';

/** What a generated object may carry from the trigger's options. */
export interface GeneratedObjectOptions {
  amount?: number;
  currency?: string;
  metadata?: Record<string, string>;
}

/** `charge.dispute.created`: lower-case words joined by dots, at least an object and an action. */
const EVENT_TYPE_SYNTAX = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;

/** Refuses a type that cannot be a Stripe event type, naming the expected form. */
export function checkEventTypeSyntax(type: string): void {
  if (!EVENT_TYPE_SYNTAX.test(type)) {
    throw invalidRequest(`"${type}" is not an event type: expected lower-case words joined by dots, e.g. charge.dispute.created.`, { code: 'unsupported_event_type', param: 'event' });
  }
}

// Event type prefixes whose object has another name than the prefix.
const KIND_BY_PREFIX = new Map<string, string>([
  ['account.application', 'application'],
  ['account.external_account', 'bank_account'],
  ['application_fee.refund', 'fee_refund'],
  ['charge.dispute', 'dispute'],
  ['charge.refund', 'refund'],
  ['customer.discount', 'discount'],
  ['customer.source', 'card'],
  ['customer.subscription', 'subscription'],
  ['customer.tax_id', 'tax_id'],
  ['source.transaction', 'source_transaction'],
]);

/** The object kind an event type carries: `charge.dispute.created` → `dispute`, `issuing_card.created` → `issuing.card`. */
export function objectKindOf(type: string): string {
  const prefix = type.slice(0, type.lastIndexOf('.'));
  const renamed = KIND_BY_PREFIX.get(prefix);
  if (renamed !== undefined) return renamed;
  if (prefix.startsWith('issuing_')) return `issuing.${prefix.slice('issuing_'.length)}`;
  return prefix;
}

// Stripe's id prefixes for the kinds events carry; other kinds get the initials of their name.
const ID_PREFIXES = new Map<string, string>([
  ['account', 'acct'], ['application', 'ca'], ['application_fee', 'fee'], ['bank_account', 'ba'], ['billing.alert', 'alrt'],
  ['billing.credit_balance_transaction', 'cbtxn'], ['billing.credit_grant', 'credgr'], ['billing.meter', 'mtr'],
  ['billing_portal.configuration', 'bpc'], ['billing_portal.session', 'bps'], ['card', 'card'], ['charge', 'ch'],
  ['checkout.session', 'cs_test'], ['climate.order', 'climorder'], ['climate.product', 'climsku'], ['credit_note', 'cn'],
  ['customer', 'cus'], ['customer_cash_balance_transaction', 'ccsbtxn'], ['discount', 'di'], ['dispute', 'dp'], ['fee_refund', 'fr'],
  ['file', 'file'], ['financial_connections.account', 'fca'], ['identity.verification_session', 'vs'], ['invoice', 'in'],
  ['invoice_payment', 'inpay'], ['invoiceitem', 'ii'], ['issuing.authorization', 'iauth'], ['issuing.card', 'ic'],
  ['issuing.cardholder', 'ich'], ['issuing.dispute', 'idp'], ['issuing.token', 'intok'], ['issuing.transaction', 'ipi'],
  ['mandate', 'mandate'], ['payment_intent', 'pi'], ['payment_link', 'plink'], ['payment_method', 'pm'], ['payout', 'po'],
  ['person', 'person'], ['plan', 'plan'], ['price', 'price'], ['product', 'prod'], ['promotion_code', 'promo'], ['quote', 'qt'],
  ['radar.early_fraud_warning', 'issfr'], ['refund', 're'], ['reporting.report_run', 'frr'], ['review', 'prv'], ['setup_intent', 'seti'],
  ['sigma.scheduled_query_run', 'sqr'], ['source', 'src'], ['source_transaction', 'srctxn'], ['subscription', 'sub'],
  ['subscription_schedule', 'sub_sched'], ['tax_id', 'txi'], ['tax_rate', 'txr'], ['terminal.reader', 'tmr'],
  ['test_helpers.test_clock', 'clock'], ['topup', 'tu'], ['transfer', 'tr'], ['treasury.financial_account', 'fa'],
]);

// Kinds with an amount and a currency, where --amount and --currency fit.
const MONEY_KINDS = new Set([
  'application_fee', 'charge', 'credit_note', 'customer_cash_balance_transaction', 'dispute', 'fee_refund', 'invoice_payment', 'invoiceitem',
  'issuing.authorization', 'issuing.dispute', 'issuing.transaction', 'payment_intent', 'payout', 'refund', 'source_transaction', 'topup', 'transfer',
  'treasury.credit_reversal', 'treasury.debit_reversal', 'treasury.inbound_transfer', 'treasury.outbound_payment', 'treasury.outbound_transfer',
  'treasury.received_credit', 'treasury.received_debit',
]);

// Actions that name the status the object is in afterwards: `payout.paid` → status `paid`.
const STATUS_ACTIONS = new Set(['canceled', 'closed', 'completed', 'expired', 'failed', 'paid', 'pending', 'succeeded', 'reversed', 'posted', 'returned']);

/** The id prefix for a kind: Stripe's where known, else the initials of its last word (`treasury.received_credit` → `rc`). */
export function idPrefixOf(kind: string): string {
  const known = ID_PREFIXES.get(kind);
  if (known !== undefined) return known;
  const last = kind.slice(kind.lastIndexOf('.') + 1);
  return last.split('_').map((word) => word.charAt(0)).join('');
}

/**
 * A plausible object for an event type the sandbox has no scenario for: the
 * kind's name, an id with its prefix, `created`, `livemode: false`, metadata,
 * and an amount and currency where the kind has them.
 */
export function generatedObject(ctx: OperationContext, type: string, options: GeneratedObjectOptions): StripeObject {
  const kind = objectKindOf(type);
  const object: StripeObject = { id: newObjectId(ctx, idPrefixOf(kind)), object: kind, created: unixNow(ctx), livemode: false, metadata: { ...options.metadata } };
  if (MONEY_KINDS.has(kind)) {
    object.amount = options.amount ?? 2000;
    object.currency = options.currency ?? 'usd';
  }
  const action = type.slice(type.lastIndexOf('.') + 1);
  if (STATUS_ACTIONS.has(action)) object.status = action;
  return object;
}
