import type { FormObject } from '../form-decoder.ts';
import { paginate } from '../list-pagination.ts';
import { emitEvent, newObjectId, unixNow, type OperationContext } from '../operation-context.ts';
import { assertKnownParams, LIST_PARAMS, mergeMetadata, readBoolean, readCurrency, readEnum, readNullableString, readString, requireString } from '../param-readers.ts';
import { resourceMissing } from '../sandbox-errors.ts';
import { retrieveRoute, type Route } from '../sandbox-route.ts';
import type { Customer, Invoice, InvoiceLineItem, Metadata } from '../stripe-objects.ts';
import { getCustomer } from './customers.ts';
import { createPaymentIntent } from './payment-intents.ts';

const INVOICE_STATUSES = ['draft', 'open', 'paid'] as const;

function buildInvoice(ctx: OperationContext, customer: Customer, options: { currency: string; description: string | null; metadata: Metadata; autoAdvance: boolean }): Invoice {
  const now = unixNow(ctx);
  const id = newObjectId(ctx, 'in');
  const sequence = typeof customer.next_invoice_sequence === 'number' ? customer.next_invoice_sequence : 1;
  customer.next_invoice_sequence = sequence + 1;
  return {
    id,
    object: 'invoice',
    account_country: 'US',
    account_name: 'Tollgate Sandbox',
    amount_due: 0,
    amount_paid: 0,
    amount_remaining: 0,
    attempt_count: 0,
    attempted: false,
    auto_advance: options.autoAdvance,
    billing_reason: 'manual',
    collection_method: 'charge_automatically',
    created: now,
    currency: options.currency,
    customer: customer.id,
    customer_email: customer.email,
    customer_name: customer.name,
    description: options.description,
    due_date: null,
    hosted_invoice_url: null,
    lines: { object: 'list', data: [], has_more: false, url: `/v1/invoices/${id}/lines` },
    livemode: false,
    metadata: options.metadata,
    number: null,
    payment_intent: null,
    period_end: now,
    period_start: now,
    post_payment_credit_notes_amount: 0,
    pre_payment_credit_notes_amount: 0,
    status: 'draft',
    status_transitions: { finalized_at: null, marked_uncollectible_at: null, paid_at: null, voided_at: null },
    subtotal: 0,
    total: 0,
  };
}

/** POST /v1/invoices: a draft invoice without lines; emits `invoice.created`. */
function createInvoice(ctx: OperationContext, params: FormObject): Invoice {
  assertKnownParams(params, ['customer', 'currency', 'description', 'metadata', 'auto_advance', 'collection_method']);
  const customer = getCustomer(ctx, requireString(params, 'customer'), 'customer');
  readEnum(params, 'collection_method', ['charge_automatically']);
  const invoice = buildInvoice(ctx, customer, {
    currency: readCurrency(params) ?? 'usd',
    description: readNullableString(params, 'description') ?? null,
    metadata: mergeMetadata({}, params.metadata),
    autoAdvance: readBoolean(params, 'auto_advance') ?? false,
  });
  ctx.state.invoices.set(invoice.id, invoice);
  emitEvent(ctx, 'invoice.created', invoice);
  return invoice;
}

/**
 * An invoice with one line of `amount`, finalized and paid by a confirmed
 * payment intent, as `stripe trigger invoice.paid` makes: emits
 * `invoice.created`, `invoice.finalized`, `invoice.paid` and `invoice.payment_succeeded`.
 */
export function createPaidInvoice(ctx: OperationContext, options: { customer: Customer; amount: number; currency: string; metadata: Metadata }): Invoice {
  const invoice = buildInvoice(ctx, options.customer, { currency: options.currency, description: null, metadata: options.metadata, autoAdvance: false });
  const line: InvoiceLineItem = {
    id: newObjectId(ctx, 'il'),
    object: 'line_item',
    amount: options.amount,
    currency: options.currency,
    description: 'Sandbox service',
    invoice: invoice.id,
    livemode: false,
    metadata: {},
    period: { end: invoice.period_end, start: invoice.period_start },
    quantity: 1,
  };
  invoice.lines.data.push(line);
  invoice.subtotal = options.amount;
  invoice.total = options.amount;
  invoice.amount_due = options.amount;
  ctx.state.invoices.set(invoice.id, invoice);
  emitEvent(ctx, 'invoice.created', invoice);

  const transitions = { finalized_at: unixNow(ctx), marked_uncollectible_at: null, paid_at: null as number | null, voided_at: null };
  invoice.status = 'open';
  invoice.status_transitions = transitions;
  invoice.number = `${String(options.customer.invoice_prefix)}-${String(options.customer.next_invoice_sequence)}`;
  invoice.amount_remaining = options.amount;
  emitEvent(ctx, 'invoice.finalized', invoice);

  const intent = createPaymentIntent(ctx, {
    amount: String(options.amount),
    currency: options.currency,
    customer: options.customer.id,
    confirm: 'true',
    payment_method: 'pm_card_visa',
    description: `Payment for invoice ${invoice.number}`,
  });
  invoice.status = 'paid';
  invoice.payment_intent = intent.id;
  invoice.amount_paid = options.amount;
  invoice.amount_remaining = 0;
  invoice.attempt_count = 1;
  invoice.attempted = true;
  transitions.paid_at = unixNow(ctx);
  emitEvent(ctx, 'invoice.paid', invoice);
  emitEvent(ctx, 'invoice.payment_succeeded', invoice);
  return invoice;
}

/** The invoice with this id, or a 404 naming `param`. */
export function getInvoice(ctx: OperationContext, id: string, param = 'id'): Invoice {
  const invoice = ctx.state.invoices.get(id);
  if (invoice === undefined) throw resourceMissing('invoice', id, param);
  return invoice;
}

function listInvoices(ctx: OperationContext, params: FormObject): ReturnType<typeof paginate<Invoice>> {
  assertKnownParams(params, [...LIST_PARAMS, 'customer', 'status']);
  const customer = readString(params, 'customer');
  const status = readEnum(params, 'status', INVOICE_STATUSES);
  return paginate(ctx.state.invoices.values(), params, {
    url: '/v1/invoices',
    kind: 'invoice',
    filter: (invoice) => (customer === undefined || invoice.customer === customer) && (status === undefined || invoice.status === status),
  });
}

export const invoiceRoutes: readonly Route[] = [
  { method: 'POST', path: '/v1/invoices', handler: createInvoice },
  { method: 'GET', path: '/v1/invoices', handler: listInvoices },
  retrieveRoute('/v1/invoices/:id', (ctx, id) => getInvoice(ctx, id)),
];
