import type Stripe from 'stripe';
import { PermanentError } from '../../core/errors.ts';
import { createOperation, listOperation, retrieveOperation, updateOperation, type StripeOperationDefinition } from './stripe-operation-kinds.ts';
import { CUSTOMER_FILTER, METADATA_PARAM, params } from './stripe-param-specs.ts';
import { rawRequestOperation } from './stripe-raw-request.ts';

const CUSTOMER_FIELDS = params(METADATA_PARAM, {
  email: { description: 'Email address' },
  name: { description: 'Full name or business name' },
  description: { description: 'Internal description' },
  phone: { description: 'Phone number' },
  address: { description: 'Billing address {line1, city, postal_code, country, …}' },
  shipping: { description: 'Shipping details {name, address}' },
  invoice_settings: { description: 'Default invoice settings' },
  tax_exempt: { description: 'none, exempt or reverse' },
  preferred_locales: { description: 'List of locales' },
  balance: { description: 'Customer balance in minor units' },
});

const PAYMENT_INTENT_FIELDS = params(METADATA_PARAM, {
  amount: { description: 'Amount in minor units' },
  currency: { description: 'ISO currency code, lower case' },
  customer: { description: 'Customer id (cus_…)' },
  description: { description: 'Description' },
  receipt_email: { description: 'Where to send the receipt' },
  payment_method: { description: 'Payment method id (pm_…)' },
  shipping: { description: 'Shipping details {name, address}' },
  statement_descriptor: { description: 'Statement descriptor' },
  statement_descriptor_suffix: { description: 'Statement descriptor suffix' },
  setup_future_usage: { description: 'on_session or off_session' },
  application_fee_amount: { description: 'Connect application fee in minor units' },
  transfer_group: { description: 'Transfer group' },
});

const REFUND_FIELDS = params(METADATA_PARAM, {
  charge: { description: 'The charge to refund (ch_…); give this or payment_intent' },
  payment_intent: { description: 'The payment intent to refund (pi_…); give this or charge' },
  amount: { description: 'Amount to refund in minor units; default the whole remaining amount' },
  reason: { description: 'duplicate, fraudulent or requested_by_customer' },
  refund_application_fee: { description: 'Connect: also refund the application fee' },
  reverse_transfer: { description: 'Connect: also reverse the transfer' },
  instructions_email: { description: 'Email for refund instructions when the payment method needs them' },
});

const CREDIT_NOTE_FIELDS = params(METADATA_PARAM, {
  invoice: { required: true, description: 'The invoice to credit (in_…)' },
  amount: { description: 'Total amount in minor units, when no lines are given' },
  lines: { description: 'Line items [{type, invoice_line_item, quantity, amount, description}]' },
  credit_amount: { description: 'Amount credited to the customer balance' },
  refund_amount: { description: 'Amount refunded' },
  out_of_band_amount: { description: 'Amount credited outside Stripe' },
  refunds: { description: 'Refunds to link [{refund, amount_refunded}]' },
  reason: { description: 'duplicate, fraudulent, order_change or product_unsatisfactory' },
  memo: { description: 'Memo shown on the credit note' },
  effective_at: { description: 'Unix time the credit note takes effect' },
  email_type: { description: 'credit_note or none' },
  shipping_cost: { description: 'Shipping cost to credit' },
});

/** Every Stripe operation Tollgate offers, unbound to a client. */
export function stripeOperationDefinitions(): StripeOperationDefinition[] {
  return [
    retrieveOperation({ name: 'stripe.charges.retrieve', description: 'Retrieve a charge by id.' }, (c, id, p, o) => c.charges.retrieve(id, p, o)),
    listOperation(
      { name: 'stripe.charges.list', description: 'List charges, newest first.', params: params(CUSTOMER_FILTER, { payment_intent: { description: 'Only charges of this payment intent' }, transfer_group: { description: 'Only charges in this transfer group' } }) },
      (c, p, o) => c.charges.list(p, o),
    ),
    retrieveOperation({ name: 'stripe.customers.retrieve', description: 'Retrieve a customer by id.' }, (c, id, p, o) => c.customers.retrieve(id, p, o)),
    updateOperation(
      { name: 'stripe.customers.update', description: 'Update a customer; metadata keys merge into the existing metadata.', params: CUSTOMER_FIELDS },
      (c, id, p, o) => c.customers.update(id, p, o),
    ),
    listOperation(
      { name: 'stripe.customers.list', description: 'List customers, newest first.', params: { email: { description: 'Only customers with this exact email' } } },
      (c, p, o) => c.customers.list(p, o),
    ),
    retrieveOperation({ name: 'stripe.paymentIntents.retrieve', description: 'Retrieve a payment intent by id.' }, (c, id, p, o) => c.paymentIntents.retrieve(id, p, o)),
    updateOperation(
      { name: 'stripe.paymentIntents.update', description: 'Update a payment intent; metadata keys merge into the existing metadata.', params: PAYMENT_INTENT_FIELDS },
      (c, id, p, o) => c.paymentIntents.update(id, p, o),
    ),
    listOperation({ name: 'stripe.paymentIntents.list', description: 'List payment intents, newest first.', params: CUSTOMER_FILTER }, (c, p, o) => c.paymentIntents.list(p, o)),
    createOperation({ name: 'stripe.refunds.create', description: 'Refund a charge or payment intent, in whole or in part. Moves money.', params: REFUND_FIELDS, movesMoney: true }, (c, p, o) => {
      if (p.charge === undefined && p.payment_intent === undefined) {
        throw new PermanentError('stripe_param_missing', 'stripe.refunds.create: give with.charge (ch_…) or with.payment_intent (pi_…) to say what to refund', { path: 'with' });
      }
      return c.refunds.create(p, o);
    }),
    createOperation(
      { name: 'stripe.creditNotes.create', description: 'Issue a credit note on a finalized invoice (may refund or credit the balance). Moves money.', params: CREDIT_NOTE_FIELDS, movesMoney: true },
      (c, p, o) => c.creditNotes.create(p as unknown as Stripe.CreditNoteCreateParams, o),
    ),
    retrieveOperation({ name: 'stripe.invoices.retrieve', description: 'Retrieve an invoice by id.' }, (c, id, p, o) => c.invoices.retrieve(id, p, o)),
    listOperation(
      {
        name: 'stripe.invoices.list',
        description: 'List invoices, newest first.',
        params: params(CUSTOMER_FILTER, {
          status: { description: 'draft, open, paid, uncollectible or void' },
          subscription: { description: 'Only invoices of this subscription' },
          collection_method: { description: 'charge_automatically or send_invoice' },
          due_date: { description: 'Filter on the due date: a Unix time, or {gt, gte, lt, lte}' },
        }),
      },
      (c, p, o) => c.invoices.list(p, o),
    ),
    listOperation(
      {
        name: 'stripe.subscriptions.list',
        description: 'List subscriptions, newest first (Stripe leaves out canceled ones unless status is given).',
        params: params(CUSTOMER_FILTER, { status: { description: 'active, past_due, canceled, all, …' }, price: { description: 'Only subscriptions with this price' }, collection_method: { description: 'charge_automatically or send_invoice' } }),
      },
      (c, p, o) => c.subscriptions.list(p, o),
    ),
    rawRequestOperation,
  ];
}
