import { commonFields, field, money, type ObjectField } from './object-field.ts';

/** A customer: the person or business that pays. */
export const CUSTOMER_FIELDS: readonly ObjectField[] = [
  ...commonFields('customer', 'cus_NffrFeUfNV2Hib'),
  field('email', 'string', 'Email address', 'jenny.rosen@example.com'),
  field('name', 'string', 'Full name or business name', 'Jenny Rosen'),
  field('phone', 'string', 'Phone number', null),
  field('description', 'string', 'Internal description', null),
  money('balance', 'Credit (negative) or debt (positive) applied to the next invoice', 0),
  field('currency', 'string', 'The currency it is billed in, once it has one', null),
  field('delinquent', 'boolean', 'True when its latest invoice or charge failed', false),
  field('address', 'object', 'Billing address {line1, line2, city, state, postal_code, country}', null),
  field('shipping', 'object', 'Shipping details {name, address}', null),
  field('tax_exempt', 'string', 'none, exempt or reverse', 'none'),
  field('preferred_locales', 'array', 'Preferred languages, most preferred first', ['en']),
  field('invoice_prefix', 'string', 'Prefix of its invoice numbers', '826BF145'),
  field('invoice_settings.default_payment_method', 'string', 'The payment method invoices charge (pm_…)', null),
];
