import type Stripe from 'stripe';
import { PermanentError } from '../../core/errors.ts';
import { disputeOperations } from './stripe-dispute-operations.ts';
import { createOperation, listOperation, retrieveOperation, updateOperation, type StripeOperationDefinition } from './stripe-operation-kinds.ts';
import { CUSTOMER_FILTER, METADATA_PARAM, params } from './stripe-param-specs.ts';
import { rawRequestOperation } from './stripe-raw-request.ts';

const CUSTOMER_FIELDS = params(METADATA_PARAM, {
  email: { type: 'string', description: 'Email address' },
  name: { type: 'string', description: 'Full name or business name' },
  description: { type: 'string', description: 'Internal description' },
  phone: { type: 'string', description: 'Phone number' },
  address: { type: 'object', description: 'Billing address {line1, city, postal_code, country, …}' },
  shipping: { type: 'object', description: 'Shipping details {name, address}' },
  invoice_settings: { type: 'object', description: 'Default invoice settings' },
  tax_exempt: { type: 'string', description: 'none, exempt or reverse' },
  preferred_locales: { type: 'array', description: 'List of locales' },
  balance: { type: 'integer', description: 'Customer balance in minor units' },
});

const PAYMENT_INTENT_FIELDS = params(METADATA_PARAM, {
  amount: { type: 'integer', description: 'Amount in minor units' },
  currency: { type: 'string', description: 'ISO currency code, lower case' },
  customer: { type: 'string', description: 'Customer id (cus_…)' },
  description: { type: 'string', description: 'Description' },
  receipt_email: { type: 'string', description: 'Where to send the receipt' },
  payment_method: { type: 'string', description: 'Payment method id (pm_…)' },
  shipping: { type: 'object', description: 'Shipping details {name, address}' },
  statement_descriptor: { type: 'string', description: 'Statement descriptor' },
  statement_descriptor_suffix: { type: 'string', description: 'Statement descriptor suffix' },
  setup_future_usage: { type: 'string', description: 'on_session or off_session' },
  application_fee_amount: { type: 'integer', description: 'Connect application fee in minor units' },
  transfer_group: { type: 'string', description: 'Transfer group' },
});

const REFUND_FIELDS = params(METADATA_PARAM, {
  charge: { type: 'string', description: 'The charge to refund (ch_…); give this or payment_intent' },
  payment_intent: { type: 'string', description: 'The payment intent to refund (pi_…); give this or charge' },
  amount: { type: 'integer', description: 'Amount to refund in minor units; default the whole remaining amount' },
  reason: { type: 'string', description: 'duplicate, fraudulent or requested_by_customer' },
  refund_application_fee: { type: 'boolean', description: 'Connect: also refund the application fee' },
  reverse_transfer: { type: 'boolean', description: 'Connect: also reverse the transfer' },
  instructions_email: { type: 'string', description: 'Email for refund instructions when the payment method needs them' },
});

const CREDIT_NOTE_FIELDS = params(METADATA_PARAM, {
  invoice: { type: 'string', required: true, description: 'The invoice to credit (in_…)' },
  amount: { type: 'integer', description: 'Total amount in minor units, when no lines are given' },
  lines: { type: 'array', description: 'Line items [{type, invoice_line_item, quantity, amount, description}]' },
  credit_amount: { type: 'integer', description: 'Amount credited to the customer balance' },
  refund_amount: { type: 'integer', description: 'Amount refunded' },
  out_of_band_amount: { type: 'integer', description: 'Amount credited outside Stripe' },
  refunds: { type: 'array', description: 'Refunds to link [{refund, amount_refunded}]' },
  reason: { type: 'string', description: 'duplicate, fraudulent, order_change or product_unsatisfactory' },
  memo: { type: 'string', description: 'Memo shown on the credit note' },
  effective_at: { type: 'timestamp', description: 'Unix time the credit note takes effect' },
  email_type: { type: 'string', description: 'credit_note or none' },
  shipping_cost: { type: 'object', description: 'Shipping cost to credit' },
});

/** Every Stripe operation Tollgate offers, unbound to a client. */
export function stripeOperationDefinitions(): StripeOperationDefinition[] {
  return [
    retrieveOperation({ name: 'stripe.charges.retrieve', description: 'Retrieve a charge by id.', docsUrl: 'https://docs.stripe.com/api/charges/retrieve', example: { id: '{{ object.charge }}' } }, (c, id, p, o) => c.charges.retrieve(id, p, o)),
    listOperation(
      { name: 'stripe.charges.list', description: 'List charges, newest first.', docsUrl: 'https://docs.stripe.com/api/charges/list', example: { customer: 'cus_123', limit: 10 }, params: params(CUSTOMER_FILTER, { payment_intent: { type: 'string', description: 'Only charges of this payment intent' }, transfer_group: { type: 'string', description: 'Only charges in this transfer group' } }) },
      (c, p, o) => c.charges.list(p, o),
    ),
    retrieveOperation({ name: 'stripe.customers.retrieve', description: 'Retrieve a customer by id.', docsUrl: 'https://docs.stripe.com/api/customers/retrieve', example: { id: 'cus_123' } }, (c, id, p, o) => c.customers.retrieve(id, p, o)),
    updateOperation(
      { name: 'stripe.customers.update', description: 'Update a customer; metadata keys merge into the existing metadata.', docsUrl: 'https://docs.stripe.com/api/customers/update', example: { id: 'cus_123', metadata: { disputed: 'true' } }, params: CUSTOMER_FIELDS },
      (c, id, p, o) => c.customers.update(id, p, o),
    ),
    listOperation(
      { name: 'stripe.customers.list', description: 'List customers, newest first.', docsUrl: 'https://docs.stripe.com/api/customers/list', example: { email: 'jane@example.com', limit: 1 }, params: { email: { type: 'string', description: 'Only customers with this exact email' } } },
      (c, p, o) => c.customers.list(p, o),
    ),
    retrieveOperation({ name: 'stripe.paymentIntents.retrieve', description: 'Retrieve a payment intent by id.', docsUrl: 'https://docs.stripe.com/api/payment_intents/retrieve', example: { id: '{{ object.payment_intent }}' } }, (c, id, p, o) => c.paymentIntents.retrieve(id, p, o)),
    updateOperation(
      { name: 'stripe.paymentIntents.update', description: 'Update a payment intent; metadata keys merge into the existing metadata.', docsUrl: 'https://docs.stripe.com/api/payment_intents/update', example: { id: '{{ object.payment_intent }}', metadata: { dispute: '{{ object.id }}' } }, params: PAYMENT_INTENT_FIELDS },
      (c, id, p, o) => c.paymentIntents.update(id, p, o),
    ),
    listOperation({ name: 'stripe.paymentIntents.list', description: 'List payment intents, newest first.', docsUrl: 'https://docs.stripe.com/api/payment_intents/list', example: { customer: 'cus_123', limit: 5 }, params: CUSTOMER_FILTER }, (c, p, o) => c.paymentIntents.list(p, o)),
    createOperation({ name: 'stripe.refunds.create', description: 'Refund a charge or payment intent, in whole or in part. Moves money.', docsUrl: 'https://docs.stripe.com/api/refunds/create', example: { charge: '{{ object.charge }}', amount: 500, reason: 'requested_by_customer' }, params: REFUND_FIELDS, movesMoney: true }, (c, p, o) => {
      if (p.charge === undefined && p.payment_intent === undefined) {
        throw new PermanentError('stripe_param_missing', 'stripe.refunds.create: give with.charge (ch_…) or with.payment_intent (pi_…) to say what to refund', { path: 'with' });
      }
      return c.refunds.create(p, o);
    }),
    createOperation(
      { name: 'stripe.creditNotes.create', description: 'Issue a credit note on a finalized invoice (may refund or credit the balance). Moves money.', docsUrl: 'https://docs.stripe.com/api/credit_notes/create', example: { invoice: 'in_123', amount: 500, reason: 'order_change' }, params: CREDIT_NOTE_FIELDS, movesMoney: true },
      (c, p, o) => c.creditNotes.create(p as unknown as Stripe.CreditNoteCreateParams, o),
    ),
    retrieveOperation({ name: 'stripe.invoices.retrieve', description: 'Retrieve an invoice by id.', docsUrl: 'https://docs.stripe.com/api/invoices/retrieve', example: { id: 'in_123' } }, (c, id, p, o) => c.invoices.retrieve(id, p, o)),
    listOperation(
      {
        name: 'stripe.invoices.list',
        description: 'List invoices, newest first.',
        docsUrl: 'https://docs.stripe.com/api/invoices/list',
        example: { customer: 'cus_123', status: 'open' },
        params: params(CUSTOMER_FILTER, {
          status: { type: 'string', description: 'draft, open, paid, uncollectible or void' },
          subscription: { type: 'string', description: 'Only invoices of this subscription' },
          collection_method: { type: 'string', description: 'charge_automatically or send_invoice' },
          due_date: { type: 'timestamp', description: 'Filter on the due date: a Unix time, or {gt, gte, lt, lte}' },
        }),
      },
      (c, p, o) => c.invoices.list(p, o),
    ),
    listOperation(
      {
        name: 'stripe.subscriptions.list',
        description: 'List subscriptions, newest first (Stripe leaves out canceled ones unless status is given).',
        docsUrl: 'https://docs.stripe.com/api/subscriptions/list',
        example: { customer: 'cus_123', status: 'active' },
        params: params(CUSTOMER_FILTER, { status: { type: 'string', description: 'active, past_due, canceled, all, …' }, price: { type: 'string', description: 'Only subscriptions with this price' }, collection_method: { type: 'string', description: 'charge_automatically or send_invoice' } }),
      },
      (c, p, o) => c.subscriptions.list(p, o),
    ),
    listOperation(
      {
        name: 'stripe.radar.earlyFraudWarnings.list',
        description: "List early fraud warnings (a card issuer's report of fraud, before any dispute), newest first.",
        docsUrl: 'https://docs.stripe.com/api/radar/early_fraud_warnings/list',
        example: { charge: '{{ object.id }}' },
        params: { charge: { type: 'string', description: 'Only the warnings on this charge (ch_…)' }, payment_intent: { type: 'string', description: 'Only the warnings on this payment intent (pi_…)' } },
      },
      (c, p, o) => c.radar.earlyFraudWarnings.list(p, o),
    ),
    ...disputeOperations(),
    rawRequestOperation,
  ];
}
