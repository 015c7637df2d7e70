import type { FormObject, FormValue } from '../form-decoder.ts';
import { paginate } from '../list-pagination.ts';
import { formatAmount } from '../money-format.ts';
import { emitEvent, newObjectId, unixNow, type OperationContext } from '../operation-context.ts';
import { assertKnownParams, LIST_PARAMS, mergeMetadata, readEnum, readInteger, readNullableString, readString, requireString } from '../param-readers.ts';
import { invalidRequest, parameterError, resourceMissing } from '../sandbox-errors.ts';
import { retrieveRoute, type Route } from '../sandbox-route.ts';
import type { CreditNote, Invoice } from '../stripe-objects.ts';
import { getInvoice } from './invoices.ts';
import { createRefund } from './refunds.ts';

export const CREDIT_NOTE_REASONS = ['duplicate', 'fraudulent', 'order_change', 'product_unsatisfactory'] as const;
const CREATE_PARAMS = ['invoice', 'amount', 'lines', 'reason', 'memo', 'metadata', 'refund_amount', 'credit_amount', 'out_of_band_amount'];

interface CreditLine {
  [field: string]: unknown;
  amount: number;
}

/**
 * POST /v1/credit_notes: credits `amount` (or the sum of `lines`) on an open or
 * paid invoice. On a paid invoice, `refund_amount + credit_amount +
 * out_of_band_amount` must equal the total, and `refund_amount` refunds the
 * invoice's payment. Emits `credit_note.created`.
 */
export function createCreditNote(ctx: OperationContext, params: FormObject): CreditNote {
  assertKnownParams(params, CREATE_PARAMS);
  const invoice = getInvoice(ctx, requireString(params, 'invoice'), 'invoice');
  const lines = readLines(ctx, invoice, params.lines);
  const amount = readInteger(params, 'amount', { min: 1 });
  const linesTotal = lines.reduce((sum, line) => sum + line.amount, 0);
  if (amount === undefined && lines.length === 0) throw parameterError('parameter_missing', 'You must pass either amount or lines to create a credit note.', 'amount');
  if (amount !== undefined && lines.length > 0 && amount !== linesTotal) {
    throw invalidRequest(`The amount (${amount}) must equal the sum of the lines (${linesTotal}).`, { param: 'amount' });
  }
  const total = amount ?? linesTotal;
  const split = { refund: readInteger(params, 'refund_amount', { min: 0 }) ?? 0, credit: readInteger(params, 'credit_amount', { min: 0 }) ?? 0, outOfBand: readInteger(params, 'out_of_band_amount', { min: 0 }) ?? 0 };
  checkCreditable(invoice, total, split.refund + split.credit + split.outOfBand);

  const refunds: Array<{ amount_refunded: number; refund: string }> = [];
  if (split.refund > 0) {
    if (invoice.payment_intent === null) throw invalidRequest(`Invoice ${invoice.id} has no payment to refund; use credit_amount or out_of_band_amount.`, { param: 'refund_amount' });
    const refund = createRefund(ctx, { payment_intent: invoice.payment_intent, amount: String(split.refund) });
    refunds.push({ amount_refunded: refund.amount, refund: refund.id });
  }
  const postPayment = invoice.status === 'paid';
  if (postPayment) invoice.post_payment_credit_notes_amount += total;
  else invoice.pre_payment_credit_notes_amount += total;
  if (!postPayment && typeof invoice.amount_due === 'number') invoice.amount_due -= total;

  const id = newObjectId(ctx, 'cn');
  const count = [...ctx.state.credit_notes.values()].filter((note) => note.invoice === invoice.id).length + 1;
  const note: CreditNote = {
    id,
    object: 'credit_note',
    amount: total,
    amount_shipping: 0,
    created: unixNow(ctx),
    currency: invoice.currency,
    customer: invoice.customer,
    customer_balance_transaction: null,
    discount_amount: 0,
    discount_amounts: [],
    effective_at: unixNow(ctx),
    invoice: invoice.id,
    lines: { object: 'list', data: lines, has_more: false, url: `/v1/credit_notes/${id}/lines` },
    livemode: false,
    memo: readNullableString(params, 'memo') ?? null,
    metadata: mergeMetadata({}, params.metadata),
    number: `${invoice.number ?? invoice.id}-CN-${String(count).padStart(2, '0')}`,
    out_of_band_amount: split.outOfBand === 0 ? null : split.outOfBand,
    post_payment_amount: postPayment ? total : 0,
    pre_payment_amount: postPayment ? 0 : total,
    reason: readEnum(params, 'reason', CREDIT_NOTE_REASONS) ?? null,
    refunds,
    shipping_cost: null,
    status: 'issued',
    subtotal: total,
    subtotal_excluding_tax: total,
    total,
    total_excluding_tax: total,
    total_taxes: [],
    type: postPayment ? 'post_payment' : 'pre_payment',
    voided_at: null,
  };
  ctx.state.credit_notes.set(note.id, note);
  emitEvent(ctx, 'credit_note.created', note);
  return note;
}

function checkCreditable(invoice: Invoice, total: number, splitTotal: number): void {
  if (invoice.status !== 'open' && invoice.status !== 'paid') {
    throw invalidRequest(`Credit notes can only be created on open or paid invoices; invoice ${invoice.id} is ${invoice.status}.`, { param: 'invoice' });
  }
  const creditable = invoice.total - invoice.pre_payment_credit_notes_amount - invoice.post_payment_credit_notes_amount;
  if (total > creditable) {
    throw invalidRequest(
      `The credit note amount (${formatAmount(total, invoice.currency)}) is greater than the amount that can still be credited on invoice ${invoice.id} (${formatAmount(creditable, invoice.currency)}).`,
      { code: 'amount_too_large', param: 'amount' },
    );
  }
  if (invoice.status === 'paid' && splitTotal !== total) {
    throw invalidRequest(
      `The sum of credit amount, refund amount and out of band amount (${formatAmount(splitTotal, invoice.currency)}) must equal the credit note amount (${formatAmount(total, invoice.currency)}).`,
      { param: 'refund_amount' },
    );
  }
}

function readLines(ctx: OperationContext, invoice: Invoice, value: FormValue | undefined): CreditLine[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw parameterError('parameter_invalid_array', 'Invalid array: lines must be a list such as lines[0][type]=custom_line_item.', 'lines');
  return value.map((raw, index) => {
    const param = `lines[${index}]`;
    if (typeof raw === 'string' || Array.isArray(raw)) throw parameterError('parameter_invalid_hash', `Invalid hash: ${param}`, param);
    assertKnownParams(raw, ['type', 'amount', 'unit_amount', 'quantity', 'description', 'invoice_line_item']);
    const type = readEnum(raw, 'type', ['custom_line_item', 'invoice_line_item']) ?? 'custom_line_item';
    const quantity = readInteger(raw, 'quantity', { min: 1 }) ?? 1;
    const invoiceLineId = readString(raw, 'invoice_line_item');
    const invoiceLine = invoiceLineId === undefined ? undefined : invoice.lines.data.find((line) => line.id === invoiceLineId);
    if (type === 'invoice_line_item' && invoiceLine === undefined) throw resourceMissing('invoice line item', invoiceLineId ?? '', `${param}[invoice_line_item]`);
    const unitAmount = readInteger(raw, 'unit_amount', { min: 0 });
    const amount = readInteger(raw, 'amount', { min: 0 }) ?? (unitAmount === undefined ? invoiceLine?.amount : unitAmount * quantity);
    if (amount === undefined) throw parameterError('parameter_missing', `Missing required param: ${param}[unit_amount].`, `${param}[unit_amount]`);
    return {
      id: newObjectId(ctx, 'cnli'),
      object: 'credit_note_line_item',
      amount,
      description: readString(raw, 'description') ?? invoiceLine?.description ?? null,
      discount_amount: 0,
      discount_amounts: [],
      invoice_line_item: invoiceLine?.id ?? null,
      livemode: false,
      quantity,
      tax_rates: [],
      taxes: [],
      type,
      unit_amount: unitAmount ?? null,
      unit_amount_decimal: unitAmount === undefined ? null : String(unitAmount),
    };
  });
}

function getCreditNote(ctx: OperationContext, id: string): CreditNote {
  const note = ctx.state.credit_notes.get(id);
  if (note === undefined) throw resourceMissing('credit note', id, 'id');
  return note;
}

function listCreditNotes(ctx: OperationContext, params: FormObject): ReturnType<typeof paginate<CreditNote>> {
  assertKnownParams(params, [...LIST_PARAMS, 'invoice', 'customer']);
  const invoice = readString(params, 'invoice');
  const customer = readString(params, 'customer');
  return paginate(ctx.state.credit_notes.values(), params, {
    url: '/v1/credit_notes',
    kind: 'credit note',
    filter: (note) => (invoice === undefined || note.invoice === invoice) && (customer === undefined || note.customer === customer),
  });
}

export const creditNoteRoutes: readonly Route[] = [
  { method: 'POST', path: '/v1/credit_notes', handler: createCreditNote },
  { method: 'GET', path: '/v1/credit_notes', handler: listCreditNotes },
  retrieveRoute('/v1/credit_notes/:id', getCreditNote),
];
