/**
 * Values for people in one line: short ones whole, large objects folded to
 * their first scalar fields and a count of the rest (`--verbose` shows them),
 * money in major units with its currency.
 */
import { formatMajorOrUndefined, formatMinorOrUndefined } from '../expression/money.ts';

/** How long a value's one-line text may get before it is folded. */
const LINE = 100;

/**
 * One line for a value: a string as it is, a short value as JSON, a long
 * array as its item count, a large object as its first scalar fields and
 * `… N more fields, see --verbose`.
 * @example foldValue({ id: 'ch_1', amount: 500, ...manyMore }) // '{id: ch_1, amount: 500, … 42 more fields, see --verbose}'
 */
export function foldValue(value: unknown): string {
  const money = moneyValueText(value);
  if (money !== undefined) return money;
  if (typeof value === 'string') return value.length > LINE ? `${value.slice(0, LINE - 1)}… (${value.length} characters, see --verbose)` : value;
  const json = JSON.stringify(value) ?? String(value);
  if (json.length <= LINE) return json;
  if (Array.isArray(value)) return `[${value.length} items, see --verbose]`;
  if (typeof value !== 'object' || value === null) return json;
  const entries = Object.entries(value);
  const shown: string[] = [];
  let length = 0;
  for (const [key, field] of entries) {
    if (field !== null && typeof field === 'object') continue;
    const text = `${key}: ${typeof field === 'string' ? field : JSON.stringify(field)}`;
    if (length + text.length > LINE - 30) break;
    shown.push(text);
    length += text.length + 2;
  }
  const more = entries.length - shown.length;
  return `{${[...shown, `… ${more} more field${more === 1 ? '' : 's'}, see --verbose`].join(', ')}}`;
}

/** `1,500.00 USD` for an amount in minor units, or undefined when it is not one (e.g. an unknown currency). */
export function minorMoneyText(minor: unknown, currency: unknown): string | undefined {
  return typeof minor === 'number' && typeof currency === 'string' ? formatMinorOrUndefined(minor, currency) : undefined;
}

/** A money form value (`{amount, currency}` in major units, exactly those two fields) as `19.99 USD`; undefined for anything else. */
function moneyValueText(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Object.keys(value).length !== 2 || !('amount' in value) || !('currency' in value)) return undefined;
  const { amount, currency } = value;
  return typeof amount === 'number' && typeof currency === 'string' ? formatMajorOrUndefined(amount, currency) : undefined;
}

/** A form value for people: money as `19.99 USD`, lists joined, the rest folded. */
export function formValueText(value: unknown): string {
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value.join(', ');
  if (value === null || value === undefined || value === '') return '-';
  return foldValue(value);
}
