import { formatMajorOrUndefined } from '../../../../src/expression/money.ts';
import type { FormField } from '../../api/types.ts';

/** The field's type and label: all that formatting a value needs. */
type Described = Pick<FormField, 'type' | 'label'>;

const LABEL_CURRENCY = /\s*\(([A-Z]{3})\)\s*$/;

/** A currency a number field's label names, as in "Refund Amount (USD)". */
export function currencyOfLabel(label: string | undefined): string | undefined {
  return LABEL_CURRENCY.exec(label ?? '')?.[1];
}

/** A label without the currency it names: "Refund Amount (USD)" is "Refund Amount" beside "1,500.00 USD". */
export function labelWithoutCurrency(label: string): string {
  return label.replace(LABEL_CURRENCY, '');
}

/** A field's value as people read it: amounts with their currency, yes/no, lists joined. */
export function formatFieldValue(field: Described | undefined, value: unknown): string {
  const amount = fieldAmount(field, value);
  if (amount !== undefined) return amount;
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (Array.isArray(value)) return value.map(String).join(', ');
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

/** The request's amount, if its form has one: a money field, or a number field labelled with a currency. */
export function requestAmount(fields: readonly FormField[] | undefined, values: Record<string, unknown>): string | undefined {
  for (const [key, value] of Object.entries(values)) {
    const amount = fieldAmount(fields?.find((field) => field.key === key), value);
    if (amount !== undefined) return amount;
  }
  return undefined;
}

/** The value as an amount with its currency (a money value, or a number whose label names a currency); else undefined. */
export function fieldAmount(field: Described | undefined, value: unknown): string | undefined {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const { amount, currency } = value as { amount?: unknown; currency?: unknown };
    if (typeof amount === 'number' && typeof currency === 'string') return formatMajorOrUndefined(amount, currency);
  }
  const currency = field?.type === 'number' ? currencyOfLabel(field.label) : undefined;
  if (currency !== undefined && typeof value === 'number') return formatMajorOrUndefined(value, currency);
  return undefined;
}
