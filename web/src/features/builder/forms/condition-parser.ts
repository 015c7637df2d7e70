import { currencyFieldOf, type ConditionRow, type ConditionRows, type Join, type Operator } from './condition-model.ts';

const PATH = String.raw`[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*`;
const STRING = String.raw`"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'`;
const NUMBER = String.raw`-?\d+(?:\.\d+)?`;
const KEYWORDS = new Set(['and', 'or', 'in', 'true', 'false', 'null']);

const EMPTY = new RegExp(String.raw`^\$not\(\s*(${PATH})\s*\)$`);
const CONTAINS = new RegExp(String.raw`^\$contains\(\s*(${PATH})\s*,\s*(${STRING})\s*\)$`);
const ONE_OF = new RegExp(String.raw`^(${PATH})\s+in\s+\[(.*)\]$`);
const COMPARE = new RegExp(String.raw`^(${PATH})\s*(>=|<=|!=|=|>|<)\s*(.+)$`);
const MINOR = new RegExp(String.raw`^\$minor\(\s*(${NUMBER})\s*,\s*(${STRING})\s*\)$`);
const LIST_ITEM = new RegExp(String.raw`\s*(${STRING}|${NUMBER}|true|false)\s*(,|$)`, 'y');
const SYMBOLS: Record<string, Operator> = { '>': 'gt', '<': 'lt', '>=': 'gte', '<=': 'lte', '=': 'eq', '!=': 'ne' };

/**
 * Reads a condition back into builder rows: the conditions the builder itself writes (see
 * condition-compiler.ts), in either order of a money comparison and its currency check.
 * Anything else (mixed `and`/`or`, arithmetic, functions other than the builder's) answers null,
 * and the form opens it in the hand-typed mode.
 * @example parseConditions('object.amount > $minor(1000, "usd") and object.currency = "usd"')
 *   // { join: 'and', rows: [{ field: 'object.amount', operator: 'gt', value: '1000', kind: 'money', currency: 'usd' }] }
 */
export function parseConditions(expression: string): ConditionRows | null {
  const text = expression.trim();
  if (text === '') return { join: 'and', rows: [] };
  const split = splitTopLevel(text);
  if (split === null) return null;
  if (split.join === 'or') {
    const rows: ConditionRow[] = [];
    for (const clause of split.clauses) {
      const grouped = /^\(.*\)$/s.test(clause) ? parseConditions(clause.slice(1, -1)) : null;
      const row = grouped !== null && grouped.join === 'and' && grouped.rows.length === 1 && grouped.rows[0]?.kind === 'money'
        ? grouped.rows[0]
        : parseClause(clause);
      if (row === null || (row.kind === 'money' && grouped === null)) return null;
      rows.push(row);
    }
    return { join: 'or', rows };
  }
  const atoms = split.clauses.map(parseClause);
  if (atoms.some((atom) => atom === null)) return null;
  return pairCurrencyChecks(atoms as ConditionRow[]);
}

/** Folds each `$minor` comparison's currency check (right after or right before it) into its row. */
function pairCurrencyChecks(atoms: ConditionRow[]): ConditionRows | null {
  const rows: ConditionRow[] = [];
  const used = new Set<number>();
  atoms.forEach((atom, index) => {
    if (atom.kind !== 'money') return;
    const isCheck = (candidate: ConditionRow | undefined) =>
      candidate !== undefined && candidate.kind === 'text' && candidate.operator === 'eq'
      && candidate.field === currencyFieldOf(atom.field) && candidate.value === atom.currency;
    const partner = [index + 1, index - 1].find((other) => !used.has(other) && isCheck(atoms[other]));
    if (partner !== undefined) {
      used.add(partner);
      used.add(index);
    }
  });
  for (const [index, atom] of atoms.entries()) {
    // A $minor comparison without its currency check is not one the builder writes.
    if (atom.kind === 'money' && !used.has(index)) return null;
    if (atom.kind === 'money' || !used.has(index)) rows.push(atom);
  }
  return { join: 'and', rows };
}

function parseClause(clause: string): ConditionRow | null {
  const text = clause.trim();
  let match = EMPTY.exec(text);
  if (match?.[1] !== undefined) return { field: match[1], operator: 'empty', value: '', kind: 'text' };
  match = CONTAINS.exec(text);
  if (match?.[1] !== undefined && match[2] !== undefined) return { field: match[1], operator: 'contains', value: unquote(match[2]), kind: 'text' };
  match = ONE_OF.exec(text);
  if (match?.[1] !== undefined && match[2] !== undefined) return oneOf(match[1], match[2]);
  match = COMPARE.exec(text);
  if (match?.[1] !== undefined && match[2] !== undefined && match[3] !== undefined) return compare(match[1], match[2], match[3].trim());
  if (new RegExp(`^${PATH}$`).test(text) && !KEYWORDS.has(text)) return { field: text, operator: 'not_empty', value: '', kind: 'text' };
  return null;
}

function compare(field: string, symbol: string, right: string): ConditionRow | null {
  const operator = SYMBOLS[symbol];
  if (operator === undefined || KEYWORDS.has(field)) return null;
  const minor = MINOR.exec(right);
  if (minor?.[1] !== undefined && minor[2] !== undefined) return { field, operator, value: minor[1], kind: 'money', currency: unquote(minor[2]) };
  if (new RegExp(`^(?:${STRING})$`).test(right)) return { field, operator, value: unquote(right), kind: 'text' };
  if (new RegExp(`^${NUMBER}$`).test(right)) return { field, operator, value: right, kind: 'number' };
  if (right === 'true' || right === 'false') return { field, operator, value: right, kind: 'boolean' };
  return null;
}

function oneOf(field: string, list: string): ConditionRow | null {
  const items: string[] = [];
  let kind: 'text' | 'number' | 'boolean' | undefined;
  LIST_ITEM.lastIndex = 0;
  while (LIST_ITEM.lastIndex < list.length) {
    const match = LIST_ITEM.exec(list);
    if (match?.[1] === undefined) return null;
    const item = match[1];
    const itemKind = /^["']/.test(item) ? 'text' : item === 'true' || item === 'false' ? 'boolean' : 'number';
    if (kind !== undefined && kind !== itemKind) return null;
    kind = itemKind;
    const value = itemKind === 'text' ? unquote(item) : item;
    // The row keeps the list as comma-separated text: an item with a comma could not come back.
    if (value.includes(',')) return null;
    items.push(value);
    if (match[2] === '') break;
  }
  if (items.length === 0 || kind === undefined) return null;
  return { field, operator: 'in', value: items.join(', '), kind };
}

function unquote(literal: string): string {
  if (literal.startsWith('"')) return JSON.parse(literal) as string;
  return JSON.parse(`"${literal.slice(1, -1).replace(/\\'/g, "'").replace(/"/g, '\\"')}"`) as string;
}

/** The clauses joined by `and` or `or` outside quotes, parentheses and brackets; null when both joins appear. */
function splitTopLevel(text: string): { join: Join; clauses: string[] } | null {
  const clauses: string[] = [];
  let join: Join | undefined;
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index] ?? '';
    if (quote !== null) {
      if (char === '\\') index += 1;
      else if (char === quote) quote = null;
      continue;
    }
    if (char === '"' || char === "'") quote = char;
    else if (char === '(' || char === '[' || char === '{') depth += 1;
    else if (char === ')' || char === ']' || char === '}') depth -= 1;
    else if (depth === 0 && /\s/.test(char)) {
      const word = /^\s+(and|or)\s+/.exec(text.slice(index));
      if (word?.[1] !== undefined) {
        const found = word[1] as Join;
        if (join !== undefined && join !== found) return null;
        join = found;
        clauses.push(text.slice(start, index));
        index += word[0].length - 1;
        start = index + 1;
      }
    }
  }
  if (quote !== null || depth !== 0) return null;
  clauses.push(text.slice(start));
  return { join: join ?? 'and', clauses: clauses.map((clause) => clause.trim()) };
}
