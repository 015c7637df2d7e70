import { currencyExponent, toMinor } from '../../../../../src/expression/money.ts';
import { currencyFieldOf, OPERATORS, type ConditionRow, type ConditionRows, type ValueKind } from './condition-model.ts';

/** What is wrong with one row, by its index, in words for the person. */
export interface RowProblem {
  row: number;
  message: string;
}

export type CompileResult = { ok: true; expression: string } | { ok: false; problems: RowProblem[] };

const PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * Compiles condition rows to the JSONata condition the trigger's or a branch's `when` holds.
 * No rows compile to `''` (no condition). A money row compares with `$minor` and checks the
 * currency, exactly as the seed examples do.
 * @example compileConditions({ join: 'and', rows: [{ field: 'object.amount', operator: 'gt', value: '1000', kind: 'money', currency: 'usd' }] })
 *   // { ok: true, expression: 'object.amount > $minor(1000, "usd") and object.currency = "usd"' }
 */
export function compileConditions(conditions: ConditionRows): CompileResult {
  const problems: RowProblem[] = [];
  const clauses: string[] = [];
  conditions.rows.forEach((row, index) => {
    try {
      const clause = compileRow(row);
      // Under `or`, a money row's two checks stay together.
      clauses.push(conditions.join === 'or' && conditions.rows.length > 1 && clause.includes(' and ') ? `(${clause})` : clause);
    } catch (error) {
      problems.push({ row: index, message: error instanceof Error ? error.message : String(error) });
    }
  });
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, expression: clauses.join(` ${conditions.join} `) };
}

function compileRow(row: ConditionRow): string {
  const field = row.field.trim();
  if (field === '') throw new Error('Choose a field.');
  if (!PATH.test(field)) throw new Error(`"${field}" is not a field path; write it like object.amount or charge.currency.`);
  switch (row.operator) {
    case 'empty':
      return `$not(${field})`;
    case 'not_empty':
      return field;
    case 'contains':
      return `$contains(${field}, ${literal(row.value, 'text')})`;
    case 'in': {
      const items = row.value.split(',').map((item) => item.trim()).filter((item) => item !== '');
      if (items.length === 0) throw new Error('Give at least one value, separated by commas.');
      return `${field} in [${items.map((item) => literal(item, row.kind === 'money' ? 'number' : row.kind)).join(', ')}]`;
    }
    case 'gt':
    case 'lt':
    case 'gte':
    case 'lte':
    case 'eq':
    case 'ne': {
      const symbol = OPERATORS[row.operator].symbol;
      if (row.kind === 'money') return moneyClause(field, symbol, row.value, row.currency ?? '');
      return `${field} ${symbol} ${literal(row.value, row.kind)}`;
    }
    default: {
      const unknown: never = row.operator;
      throw new Error(`Unknown operator ${String(unknown)}.`);
    }
  }
}

/**
 * `field op $minor(amount, "cur") and <sibling currency> = "cur"`. The amount is checked against
 * the currency's decimals here, so `10.5` JPY is refused before it reaches a run.
 */
export function moneyClause(field: string, symbol: string, amount: string, currency: string): string {
  const code = currency.trim().toLowerCase();
  if (!/^[a-z]{3}$/.test(code)) throw new Error('Choose a currency, such as USD.');
  const major = amount.replace(/[,\s]/g, '');
  if (!NUMBER.test(major)) throw new Error(`"${amount}" is not an amount; type it in ${code.toUpperCase()}, such as 1000 or 19.99.`);
  const decimals = currencyExponent(code);
  try {
    toMinor(major, code);
  } catch {
    throw new Error(decimals === 0
      ? `${code.toUpperCase()} has no decimals; type a whole amount such as ${major.split('.')[0] ?? '0'}.`
      : `${code.toUpperCase()} has ${decimals} decimals at most.`);
  }
  return `${field} ${symbol} $minor(${major}, ${JSON.stringify(code)}) and ${currencyFieldOf(field)} = ${JSON.stringify(code)}`;
}

function literal(value: string, kind: ValueKind): string {
  const text = value.trim();
  switch (kind) {
    case 'text':
      return JSON.stringify(value);
    case 'number':
    case 'money':
      if (!NUMBER.test(text.replace(/,/g, ''))) throw new Error(`"${value}" is not a number.`);
      return text.replace(/,/g, '');
    case 'boolean':
      if (text !== 'true' && text !== 'false') throw new Error('Choose true or false.');
      return text;
    default: {
      const unknown: never = kind;
      throw new Error(`Unknown value kind ${String(unknown)}.`);
    }
  }
}
