import { commonFields, CURRENCY_FIELD, field, money, type ObjectField } from './object-field.ts';

/** A payout: money sent from the Stripe balance to a bank account or debit card. */
export const PAYOUT_FIELDS: readonly ObjectField[] = [
  ...commonFields('payout', 'po_1OaFDbEcg9tTZuTgNYmX0PKB'),
  money('amount', 'Amount paid out', 110000),
  CURRENCY_FIELD,
  field('status', 'string', 'paid, pending, in_transit, canceled or failed', 'paid'),
  field('arrival_date', 'timestamp', 'When it is expected in the bank, in Unix seconds', 1767312000),
  field('method', 'string', 'standard or instant', 'standard'),
  field('type', 'string', 'bank_account or card', 'bank_account'),
  field('automatic', 'boolean', 'True when Stripe made it on the payout schedule', true),
  field('destination', 'string', 'The bank account or card (ba_… or card_…)', 'ba_1MvSOFLkdIwHu7ixnqxYr9Ga'),
  field('description', 'string', 'Description', 'STRIPE PAYOUT'),
  field('statement_descriptor', 'string', 'Text on the bank statement', null),
  field('failure_code', 'string', 'Why it failed (account_closed, insufficient_funds, …)', null),
  field('failure_message', 'string', 'Why it failed, for people', null),
  field('balance_transaction', 'string', 'The balance transaction it created (txn_…)', 'txn_1OaFDcEcg9tTZuTgYMR25tSe'),
];

/** A balance transaction: one movement of funds in the Stripe balance, with its fees. */
export const BALANCE_TRANSACTION_FIELDS: readonly ObjectField[] = [
  ...commonFields('balance_transaction', 'txn_1MiN3gLkdIwHu7ixxapQrznl', { metadata: false }),
  money('amount', 'Gross amount', 2000),
  money('fee', 'Fees paid', 88),
  money('net', 'Net amount (amount less fee)', 1912),
  CURRENCY_FIELD,
  field('type', 'string', 'charge, refund, adjustment, payout, stripe_fee, transfer, …', 'charge'),
  field('reporting_category', 'string', 'The category for reports: charge, refund, dispute, payout, fee, …', 'charge'),
  field('status', 'string', 'available or pending', 'available'),
  field('available_on', 'timestamp', 'When the funds become available, in Unix seconds', 1767830400),
  field('source', 'string', 'The object behind it (ch_…, re_…, po_…)', 'ch_3MiN3gLkdIwHu7ix0snN0B15'),
  field('description', 'string', 'Description', null),
  field('exchange_rate', 'number', 'The rate used when the currency was converted', null),
  field('fee_details', 'array', 'The fees: [{amount, currency, type, description}]', [{ amount: 88, currency: 'usd', type: 'stripe_fee', description: 'Stripe processing fees' }]),
];
