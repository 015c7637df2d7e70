/**
 * The shapes of the Stripe objects the sandbox keeps. Only the fields the
 * sandbox reads or changes are typed; the rest of each object follows the
 * Stripe API reference and is carried as is.
 */

export type Metadata = Record<string, string>;

/** Any object the sandbox stores: a Stripe id (`cus_…`), its `object` name and creation time. */
export interface StripeObject {
  id: string;
  object: string;
  created: number;
  livemode: boolean;
  [field: string]: unknown;
}

export interface Customer extends StripeObject {
  object: 'customer';
  email: string | null;
  name: string | null;
  description: string | null;
  phone: string | null;
  metadata: Metadata;
}

export type PaymentIntentStatus =
  | 'requires_payment_method'
  | 'requires_confirmation'
  | 'succeeded'
  | 'canceled';

export interface PaymentIntent extends StripeObject {
  object: 'payment_intent';
  amount: number;
  amount_received: number;
  currency: string;
  customer: string | null;
  description: string | null;
  latest_charge: string | null;
  payment_method: string | null;
  status: PaymentIntentStatus;
  metadata: Metadata;
}

export interface Charge extends StripeObject {
  object: 'charge';
  amount: number;
  amount_refunded: number;
  currency: string;
  customer: string | null;
  payment_intent: string | null;
  refunded: boolean;
  disputed: boolean;
  status: 'succeeded' | 'failed';
  metadata: Metadata;
}

export interface Refund extends StripeObject {
  object: 'refund';
  amount: number;
  charge: string;
  payment_intent: string | null;
  metadata: Metadata;
}

export interface EarlyFraudWarning extends StripeObject {
  object: 'radar.early_fraud_warning';
  actionable: boolean;
  charge: string;
  payment_intent: string | null;
}

export type DisputeStatus =
  | 'warning_needs_response'
  | 'warning_under_review'
  | 'warning_closed'
  | 'needs_response'
  | 'under_review'
  | 'won'
  | 'lost';

export interface Dispute extends StripeObject {
  object: 'dispute';
  amount: number;
  charge: string;
  currency: string;
  payment_intent: string | null;
  status: DisputeStatus;
  /** Every evidence field Stripe knows, null until given. */
  evidence: Record<string, unknown>;
  evidence_details: { due_by: number | null; has_evidence: boolean; past_due: boolean; submission_count: number; [field: string]: unknown };
  metadata: Metadata;
}

export interface InvoiceLineItem {
  id: string;
  object: 'line_item';
  amount: number;
  currency: string;
  description: string | null;
  [field: string]: unknown;
}

export interface Invoice extends StripeObject {
  object: 'invoice';
  customer: string;
  currency: string;
  status: 'draft' | 'open' | 'paid';
  number: string | null;
  total: number;
  amount_paid: number;
  pre_payment_credit_notes_amount: number;
  post_payment_credit_notes_amount: number;
  lines: { object: 'list'; data: InvoiceLineItem[]; has_more: boolean; url: string };
  metadata: Metadata;
  /** Sandbox bookkeeping: the payment intent that paid the invoice, used to refund through credit notes. */
  payment_intent: string | null;
}

export interface CreditNote extends StripeObject {
  object: 'credit_note';
  amount: number;
  invoice: string;
  customer: string;
  metadata: Metadata;
}

export interface WebhookEndpoint extends StripeObject {
  object: 'webhook_endpoint';
  url: string;
  enabled_events: string[];
  secret: string;
  status: 'enabled' | 'disabled';
  metadata: Metadata;
  /**
   * What its deliveries carry, as a Stripe event destination's `event_payload`: the whole event (`snapshot`), or a
   * thin event that only names the object (`thin`: thin-event-payload.ts). Absent (endpoints saved before): snapshot.
   */
  event_payload?: EventPayload;
}

export const EVENT_PAYLOADS = ['snapshot', 'thin'] as const;
export type EventPayload = (typeof EVENT_PAYLOADS)[number];

export interface StripeEvent extends StripeObject {
  object: 'event';
  type: string;
  api_version: string;
  account?: string;
  data: { object: StripeObject; previous_attributes?: Record<string, unknown> };
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
}

/** A page of a list endpoint, as Stripe returns it. */
export type ListObject<T> = {
  object: 'list';
  data: T[];
  has_more: boolean;
  url: string;
};
