import type { ApprovalReview } from '../../api/types.ts';
import { fieldAmount, formatFieldValue, labelWithoutCurrency } from '../../ui/fields-form/field-value.ts';

type ReviewField = NonNullable<ApprovalReview['request']>['fields'][number];

/**
 * A form value as people read it, with its label: money in major units with its currency
 * (`1,500.00 USD`), also for a number field whose label names the currency (the label then drops it); lists joined; yes/no.
 */
export function describeField(field: ReviewField): { label: string; text: string } {
  const { value } = field;
  if (value === null || value === undefined || value === '') return { label: field.label, text: '—' };
  const amountInLabel = field.type === 'number' && fieldAmount(field, value) !== undefined;
  return { label: amountInLabel ? labelWithoutCurrency(field.label) : field.label, text: formatFieldValue(field, value) };
}
