/**
 * The money facet of `stripe.refunds.create` and `stripe.creditNotes.create`:
 * reads the charge (a payment intent's latest charge) or the invoice with its
 * refunds or credit notes, and tags each call with the run's metadata so the
 * money guard (engine/money/) can find it again.
 */
import type Stripe from 'stripe';
import { PermanentError } from '../../core/errors.ts';
import type { MoneyFacet, MoneyMovement, MoneyTarget } from '../../engine/money/money-operation.ts';
import type { StripeClientFor } from './stripe-client-cache.ts';
import { mapStripeError } from './stripe-error-mapping.ts';
import { splitStripeInput } from './stripe-input.ts';

/** Enough history for the look-up by metadata: a charge with more refunds is rare. */
const HISTORY_LIMIT = 100;

export function refundMoneyFacet(clientFor: StripeClientFor): MoneyFacet {
  return {
    async inspect(input, context) {
      const client = await clientFor(context.connector);
      const options = readOptions(input, context.idempotencyKey);
      try {
        const chargeId = await chargeOf(client, input, options);
        const charge = await client.charges.retrieve(chargeId, {}, options);
        const refunds = await client.refunds.list({ charge: charge.id, limit: HISTORY_LIMIT }, options);
        const refunded = charge.amount_refunded;
        const target: MoneyTarget = {
          id: charge.id,
          paymentIntentId: idOf(charge.payment_intent),
          customerId: idOf(charge.customer),
          currency: charge.currency,
          amount: amountOf(input, 'amount') ?? charge.amount_captured - refunded,
          total: charge.amount_captured,
          refunded,
          disputed: charge.disputed,
          movements: refunds.data.filter((refund) => refund.status !== 'failed' && refund.status !== 'canceled').map(movementOf),
        };
        return target;
      } catch (error) {
        throw await mapStripeError(error, { operation: 'stripe.refunds.create (pre-flight)', now: context.clock.now() });
      }
    },
    prepare: (input, { tags, amount }) => ({ ...input, amount, metadata: { ...metadataOf(input), ...tags } }),
    resultId: idOfResult,
  };
}

export function creditNoteMoneyFacet(clientFor: StripeClientFor): MoneyFacet {
  return {
    async inspect(input, context) {
      const client = await clientFor(context.connector);
      const options = readOptions(input, context.idempotencyKey);
      const invoiceId = input.invoice;
      if (typeof invoiceId !== 'string' || invoiceId === '') {
        throw new PermanentError('money_target_unknown', 'with.invoice: give the invoice (in_…) the credit note is for', { path: 'with.invoice' });
      }
      try {
        const invoice = await client.invoices.retrieve(invoiceId, {}, options);
        const notes = await client.creditNotes.list({ invoice: invoice.id, limit: HISTORY_LIMIT }, options);
        const credited = invoice.pre_payment_credit_notes_amount + invoice.post_payment_credit_notes_amount;
        const target: MoneyTarget = {
          id: invoice.id ?? invoiceId,
          paymentIntentId: null,
          customerId: idOf(invoice.customer),
          currency: invoice.currency,
          amount: creditNoteAmount(input) ?? invoice.total - credited,
          total: invoice.total,
          refunded: credited,
          disputed: false,
          movements: notes.data.filter((note) => note.status !== 'void').map(movementOf),
        };
        return target;
      } catch (error) {
        throw await mapStripeError(error, { operation: 'stripe.creditNotes.create (pre-flight)', now: context.clock.now() });
      }
    },
    // Lines carry the amount themselves: a credit note with lines keeps them as they are.
    prepare: (input, { tags, amount }) => ({ ...input, ...(Array.isArray(input.lines) && input.lines.length > 0 ? {} : { amount }), metadata: { ...metadataOf(input), ...tags } }),
    resultId: idOfResult,
  };
}

async function chargeOf(client: Stripe, input: Record<string, unknown>, options: Stripe.RequestOptions): Promise<string> {
  if (typeof input.charge === 'string' && input.charge !== '') return input.charge;
  if (typeof input.payment_intent === 'string' && input.payment_intent !== '') {
    const intent = await client.paymentIntents.retrieve(input.payment_intent, {}, options);
    const latest = idOf(intent.latest_charge);
    if (latest !== null) return latest;
    throw new PermanentError('money_target_unknown', `with.payment_intent: ${intent.id} has no charge to refund`, { path: 'with.payment_intent' });
  }
  throw new PermanentError('money_target_unknown', 'stripe.refunds.create: give with.charge (ch_…) or with.payment_intent (pi_…) to say what to refund', { path: 'with' });
}

function readOptions(input: Record<string, unknown>, idempotencyKey: string): Stripe.RequestOptions {
  return splitStripeInput(input, { method: 'GET', idempotencyKey }).options;
}

function movementOf(object: { id: string; amount: number; created: number; metadata: Stripe.Metadata | null }): MoneyMovement {
  return { id: object.id, amount: object.amount, createdAt: new Date(object.created * 1000), metadata: object.metadata ?? {}, object };
}

function idOf(value: string | { id: string } | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : value.id;
}

function amountOf(input: Record<string, unknown>, key: string): number | undefined {
  const value = input[key];
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return undefined;
}

function creditNoteAmount(input: Record<string, unknown>): number | undefined {
  const amount = amountOf(input, 'amount');
  if (amount !== undefined) return amount;
  if (Array.isArray(input.lines) && input.lines.length > 0) {
    return input.lines.reduce((sum: number, line: unknown) => sum + (typeof line === 'object' && line !== null ? (amountOf(line as Record<string, unknown>, 'amount') ?? 0) : 0), 0);
  }
  const parts = ['refund_amount', 'credit_amount', 'out_of_band_amount'].map((key) => amountOf(input, key));
  return parts.some((part) => part !== undefined) ? parts.reduce((sum: number, part) => sum + (part ?? 0), 0) : undefined;
}

function metadataOf(input: Record<string, unknown>): Record<string, unknown> {
  const metadata = input.metadata;
  return typeof metadata === 'object' && metadata !== null && !Array.isArray(metadata) ? (metadata as Record<string, unknown>) : {};
}

function idOfResult(output: unknown): string {
  if (typeof output === 'object' && output !== null && 'id' in output && typeof output.id === 'string') return output.id;
  throw new PermanentError('money_target_unknown', 'the money call answered without an id');
}
