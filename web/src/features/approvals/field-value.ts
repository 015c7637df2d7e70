import { toMinor } from '../../../../src/expression/money.ts';
import type { ApprovalReview } from '../../api/types.ts';
import { formatAmount } from '../../ui/money.ts';

type ReviewField = NonNullable<ApprovalReview['request']>['fields'][number];

/** A currency code a label ends with, e.g. `Refund Amount (USD)`. */
const LABEL_CURRENCY = /^(.*\S)\s*\(([A-Za-z]{3})\)$/;

/**
 * A form value as people read it, with its label: money in major units with its currency
 * (`1,500.00 USD`), also for a number field whose label names the currency; lists joined; yes/no.
 */
export function describeField(field: ReviewField): { label: string; text: string } {
  const { value } = field;
  if (value === null || value === undefined || value === '') return { label: field.label, text: '—' };
  try {
    if (field.type === 'money' && typeof value === 'object' && 'amount' in value && 'currency' in value) {
      const { amount, currency } = value as { amount: number; currency: string };
      return { label: field.label, text: formatAmount(toMinor(amount, currency), currency) };
    }
    const labelled = LABEL_CURRENCY.exec(field.label);
    if (field.type === 'number' && typeof value === 'number' && labelled?.[1] !== undefined && labelled[2] !== undefined) {
      return { label: labelled[1], text: formatAmount(toMinor(value, labelled[2]), labelled[2]) };
    }
  } catch {
    // Not an amount in that currency after all: shown as it is below.
  }
  if (typeof value === 'boolean') return { label: field.label, text: value ? 'Yes' : 'No' };
  if (Array.isArray(value)) return { label: field.label, text: value.map(String).join(', ') };
  return { label: field.label, text: typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value) };
}
