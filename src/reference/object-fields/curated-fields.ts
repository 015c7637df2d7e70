import { CHECKOUT_SESSION_FIELDS, INVOICE_FIELDS, SUBSCRIPTION_FIELDS } from './billing-fields.ts';
import { CUSTOMER_FIELDS } from './customer-fields.ts';
import { DISPUTE_FIELDS, EARLY_FRAUD_WARNING_FIELDS } from './dispute-fields.ts';
import type { ObjectField } from './object-field.ts';
import { CHARGE_FIELDS, PAYMENT_INTENT_FIELDS, REFUND_FIELDS } from './payment-fields.ts';
import { BALANCE_TRANSACTION_FIELDS, PAYOUT_FIELDS } from './payout-fields.ts';

/** The object kinds payment teams work with, each with a hand-written list of its fields. */
export const CURATED_FIELDS: ReadonlyMap<string, readonly ObjectField[]> = new Map([
  ['charge', CHARGE_FIELDS],
  ['payment_intent', PAYMENT_INTENT_FIELDS],
  ['refund', REFUND_FIELDS],
  ['customer', CUSTOMER_FIELDS],
  ['dispute', DISPUTE_FIELDS],
  ['radar.early_fraud_warning', EARLY_FRAUD_WARNING_FIELDS],
  ['invoice', INVOICE_FIELDS],
  ['subscription', SUBSCRIPTION_FIELDS],
  ['checkout.session', CHECKOUT_SESSION_FIELDS],
  ['payout', PAYOUT_FIELDS],
  ['balance_transaction', BALANCE_TRANSACTION_FIELDS],
]);
