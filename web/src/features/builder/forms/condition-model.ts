/**
 * One row of the condition builder, "field / operator / value", and the operators it offers.
 * Rows are joined all by `and` or all by `or`; see condition-compiler.ts and condition-parser.ts.
 */

export const OPERATORS = {
  gt: { label: 'is greater than', symbol: '>', needsValue: true },
  lt: { label: 'is less than', symbol: '<', needsValue: true },
  gte: { label: 'is at least', symbol: '>=', needsValue: true },
  lte: { label: 'is at most', symbol: '<=', needsValue: true },
  eq: { label: 'is equal to', symbol: '=', needsValue: true },
  ne: { label: 'is not equal to', symbol: '!=', needsValue: true },
  in: { label: 'is one of', symbol: 'in', needsValue: true },
  contains: { label: 'contains', symbol: null, needsValue: true },
  empty: { label: 'is empty', symbol: null, needsValue: false },
  not_empty: { label: 'is not empty', symbol: null, needsValue: false },
} as const;
export type Operator = keyof typeof OPERATORS;
export const OPERATOR_NAMES = Object.keys(OPERATORS) as Operator[];

/** The comparisons an amount in major units with a currency takes (compiled through `$minor`). */
export const MONEY_OPERATORS: readonly Operator[] = ['gt', 'lt', 'gte', 'lte', 'eq', 'ne'];

/**
 * How the value is written: `text` quoted, `number` and `boolean` bare, `money` a major-unit amount
 * compiled to `$minor(amount, "currency")` plus a check of the sibling `currency` field.
 * For `in` the value is a comma-separated list of items of that kind.
 */
export type ValueKind = 'text' | 'number' | 'boolean' | 'money';

export interface ConditionRow {
  /** The variable path, e.g. `object.amount`, `charge.currency`, `refundAmount`. */
  field: string;
  operator: Operator;
  value: string;
  kind: ValueKind;
  /** The currency of a `money` value, lowercase. */
  currency?: string;
}

export type Join = 'and' | 'or';

export interface ConditionRows {
  join: Join;
  rows: ConditionRow[];
}

/** The path of the currency an amount field is in: its sibling `currency` (`object.amount` -> `object.currency`). */
export function currencyFieldOf(field: string): string {
  const dot = field.lastIndexOf('.');
  return dot < 0 ? 'currency' : `${field.slice(0, dot)}.currency`;
}
