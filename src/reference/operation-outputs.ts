/**
 * What each operation stores in its step's output variable, for the
 * builder's `{{ }}` picker: a Stripe object kind (its fields as events carry
 * them), a list of one kind, or the fields of a connector's own answer.
 * The test suite checks every built-in operation has an entry.
 */
import type { EmailSendOutput } from '../connectors/email/index.ts';
import type { WebhookInboxOutput, WebhookPostOutput } from '../connectors/webhook/index.ts';
import { field, type ObjectField } from './object-fields/object-field.ts';

export type OperationOutput =
  /** One Stripe object of this kind. */
  | { returns: 'object'; object: string }
  /** A Stripe list of objects of this kind. */
  | { returns: 'list'; object: string }
  /** A connector's own answer (object null), or an answer nothing can tell in advance (no fields). */
  | { returns: 'fields'; fields: readonly ObjectField[] };

const HTTP_ANSWER = {
  status: field('status', 'integer', 'The HTTP status of the answer', 200),
  headers: field('headers', 'object', 'The answer\'s headers, names in lower case', { 'content-type': 'application/json' }),
  body: field('body', 'object', 'The answer\'s body parsed as JSON (its text when not JSON, null when empty)', { ok: true }),
} satisfies Record<keyof WebhookPostOutput, ObjectField>;

const WEBHOOK_INBOX = {
  inbox_id: field('inbox_id', 'string', 'When the connector has no URL: the id of the message kept in the local inbox (status 202)', 'whm_0mx5nj2o9a838d5abf2b6c25f'),
  created: field('created', 'boolean', 'When kept in the inbox: false when a re-run found the message kept already', true),
} satisfies Partial<Record<keyof WebhookInboxOutput, ObjectField>>;

const EMAIL_SENT = {
  message_id: field('message_id', 'string', 'The Message-ID header of the mail', '<run_123.notify@tollgate>'),
  outbox_id: field('outbox_id', 'string', 'The mail\'s id in the outbox (GET /api/v1/outbox/:id)', 'mail_0mx5nj2o9a838d5abf2b6c25f'),
  transport: field('transport', 'string', 'How it was sent: smtp, or outbox when no smtp connector is configured', 'smtp'),
  status: field('status', 'string', 'sent, sending or failed', 'sent'),
  to: field('to', 'array', 'The addresses it went to, teams expanded', ['ops@example.com']),
  cc: field('cc', 'array', 'The addresses copied', []),
  subject: field('subject', 'string', 'The rendered subject', 'Dispute dp_123 on a 125.00 USD charge'),
  created: field('created', 'boolean', 'False when a re-run found the mail sent already', true),
} satisfies Record<keyof EmailSendOutput, ObjectField>;

/** The output of every built-in operation, by operation name. */
export const OPERATION_OUTPUTS: ReadonlyMap<string, OperationOutput> = new Map<string, OperationOutput>([
  ['stripe.charges.retrieve', { returns: 'object', object: 'charge' }],
  ['stripe.charges.list', { returns: 'list', object: 'charge' }],
  ['stripe.customers.retrieve', { returns: 'object', object: 'customer' }],
  ['stripe.customers.update', { returns: 'object', object: 'customer' }],
  ['stripe.customers.list', { returns: 'list', object: 'customer' }],
  ['stripe.paymentIntents.retrieve', { returns: 'object', object: 'payment_intent' }],
  ['stripe.paymentIntents.update', { returns: 'object', object: 'payment_intent' }],
  ['stripe.paymentIntents.list', { returns: 'list', object: 'payment_intent' }],
  ['stripe.refunds.create', { returns: 'object', object: 'refund' }],
  ['stripe.creditNotes.create', { returns: 'object', object: 'credit_note' }],
  ['stripe.invoices.retrieve', { returns: 'object', object: 'invoice' }],
  ['stripe.invoices.list', { returns: 'list', object: 'invoice' }],
  ['stripe.subscriptions.list', { returns: 'list', object: 'subscription' }],
  ['stripe.radar.earlyFraudWarnings.list', { returns: 'list', object: 'radar.early_fraud_warning' }],
  ['stripe.disputes.retrieve', { returns: 'object', object: 'dispute' }],
  ['stripe.disputes.list', { returns: 'list', object: 'dispute' }],
  ['stripe.disputes.update', { returns: 'object', object: 'dispute' }],
  ['stripe.disputes.close', { returns: 'object', object: 'dispute' }],
  ['stripe.request', { returns: 'fields', fields: [] }],
  ['http.request', { returns: 'fields', fields: Object.values(HTTP_ANSWER) }],
  ['webhook.post', { returns: 'fields', fields: [...Object.values(HTTP_ANSWER), ...Object.values(WEBHOOK_INBOX)] }],
  ['email.send', { returns: 'fields', fields: Object.values(EMAIL_SENT) }],
]);

/** The fields of a Stripe list answer; `data` holds the objects. */
export function listFields(kind: string): ObjectField[] {
  const name = kind.replaceAll('_', ' ');
  return [
    field('object', 'string', 'Always "list"', 'list'),
    field('data', 'array', `The ${name} objects, newest first (each with the fields of a ${name})`, []),
    field('has_more', 'boolean', 'True when more items exist than were fetched (page further with starting_after, or set auto_paginate)', false),
  ];
}
