import type { EvaluatedExample } from './variable-docs.ts';

/** A function or operator expressions may use, with an example the test suite evaluates. */
export interface HelperDoc {
  name: string;
  /** `tollgate` for Tollgate's own functions, `jsonata` for JSONata's. */
  origin: 'tollgate' | 'jsonata';
  signature: string;
  description: string;
  example: EvaluatedExample;
}

const order = { amount: 1999, currency: 'usd', items: [{ sku: 'a', qty: 2, price: 500 }, { sku: 'b', qty: 1, price: 999 }] };

/** Tollgate's money helpers, then the JSONata functions and operators workflows use most. */
export const EXPRESSION_HELPERS: readonly HelperDoc[] = [
  { name: '$minor', origin: 'tollgate', signature: '$minor(major, currency)', description: 'A major-unit amount (number or decimal string) in minor units, exactly: JPY has no decimals, KWD three. More decimals than the currency has is an error (`money_too_precise`), never a rounding.', example: { expression: '$minor(19.99, "usd")', variables: {}, result: 1999 } },
  { name: '$major', origin: 'tollgate', signature: '$major(minor, currency)', description: 'A minor-unit amount in major units.', example: { expression: '$major(1999, "usd")', variables: {}, result: 19.99 } },
  { name: '$money', origin: 'tollgate', signature: '$money(minor, currency)', description: 'A minor-unit amount formatted for people, with the currency.', example: { expression: '$money(amount, currency)', variables: order, result: '$19.99' } },
  { name: '$sum', origin: 'jsonata', signature: '$sum(numbers)', description: 'The sum of a list of numbers.', example: { expression: '$sum(items.(qty * price))', variables: order, result: 1999 } },
  { name: '$count', origin: 'jsonata', signature: '$count(list)', description: 'How many items a list has.', example: { expression: '$count(items)', variables: order, result: 2 } },
  { name: '$exists', origin: 'jsonata', signature: '$exists(value)', description: 'True when the path gives a value (a missing field gives nothing, not an error).', example: { expression: '$exists(refund)', variables: order, result: false } },
  { name: '$string', origin: 'jsonata', signature: '$string(value)', description: 'A value as a string (JSON for objects).', example: { expression: '$string(amount)', variables: order, result: '1999' } },
  { name: '$number', origin: 'jsonata', signature: '$number(value)', description: 'A string or boolean as a number.', example: { expression: '$number("42") + 1', variables: {}, result: 43 } },
  { name: '$round', origin: 'jsonata', signature: '$round(number, digits?)', description: 'Rounds half to even, to `digits` decimals.', example: { expression: '$round(amount * 0.1)', variables: order, result: 200 } },
  { name: '$lowercase', origin: 'jsonata', signature: '$lowercase(string)', description: 'The string in lower case ($uppercase for upper case).', example: { expression: '$lowercase("USD")', variables: {}, result: 'usd' } },
  { name: '$contains', origin: 'jsonata', signature: '$contains(string, pattern)', description: 'True when the string contains the text or matches the regular expression.', example: { expression: '$contains("fraudulent", /fraud/)', variables: {}, result: true } },
  { name: '$substring', origin: 'jsonata', signature: '$substring(string, start, length?)', description: 'Part of a string, from `start` (0-based).', example: { expression: '$substring("2025-03-03T08:00:00Z", 0, 10)', variables: {}, result: '2025-03-03' } },
  { name: '$split', origin: 'jsonata', signature: '$split(string, separator)', description: 'A string cut into a list.', example: { expression: '$split("a,b,c", ",")', variables: {}, result: ['a', 'b', 'c'] } },
  { name: '$join', origin: 'jsonata', signature: '$join(strings, separator?)', description: 'A list of strings joined into one.', example: { expression: '$join(items.sku, ", ")', variables: order, result: 'a, b' } },
  { name: '$trim', origin: 'jsonata', signature: '$trim(string)', description: 'The string without leading and trailing spaces, inner runs of spaces made one.', example: { expression: '$trim("  cus_123 ")', variables: {}, result: 'cus_123' } },
  { name: '$keys', origin: 'jsonata', signature: '$keys(object)', description: 'The keys of an object.', example: { expression: '$keys({"vip": "true", "tier": "gold"})', variables: {}, result: ['vip', 'tier'] } },
  { name: '$toMillis', origin: 'jsonata', signature: '$toMillis(timestamp)', description: 'An ISO 8601 time in milliseconds since the epoch; with `$fromMillis` it computes times, e.g. for a wait\'s `until`.', example: { expression: '$fromMillis($toMillis("2025-03-03T08:00:00.000Z") + 2 * 86400000)', variables: {}, result: '2025-03-05T08:00:00.000Z' } },
  { name: '$fromMillis', origin: 'jsonata', signature: '$fromMillis(milliseconds)', description: 'Milliseconds since the epoch as an ISO 8601 time (UTC).', example: { expression: '$fromMillis(0)', variables: {}, result: '1970-01-01T00:00:00.000Z' } },
  { name: 'filter [ ]', origin: 'jsonata', signature: 'list[condition]', description: 'The items of a list that meet a condition; a number picks by position.', example: { expression: 'items[qty > 1].sku', variables: order, result: 'a' } },
  { name: 'map .( )', origin: 'jsonata', signature: 'list.(expression)', description: 'An expression computed for each item.', example: { expression: 'items.(qty * price)', variables: order, result: [1000, 999] } },
  { name: '? :', origin: 'jsonata', signature: 'condition ? then : else', description: 'A value chosen by a condition.', example: { expression: 'amount > 1000 ? "large" : "small"', variables: order, result: 'large' } },
  { name: '&', origin: 'jsonata', signature: 'a & b', description: 'Joins two values as strings.', example: { expression: '"Order of " & $money(amount, currency)', variables: order, result: 'Order of $19.99' } },
  { name: 'in', origin: 'jsonata', signature: 'value in list', description: 'True when the list holds the value.', example: { expression: 'currency in ["usd", "eur"]', variables: order, result: true } },
  { name: 'and, or, =, !=, <, <=, >, >=', origin: 'jsonata', signature: 'a and b', description: 'Comparisons and logic for conditions (`=` compares, it does not assign).', example: { expression: 'amount >= 1000 and currency != "jpy"', variables: order, result: true } },
];
