import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';

/**
 * `column` begins with `prefix`, as an index range: `column >= prefix AND
 * column < successor`, where the successor is the prefix with its last
 * character one higher (`a_b/` -> `a_b0`). An index on the column serves it
 * (substr() or LIKE would not), and `_` in a step id is a character, not
 * LIKE's wildcard. Step paths compare byte by byte on both dialects
 * (PostgreSQL: COLLATE "C", migration 0007).
 */
export function startsWith<DB, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>, column: Expression<string>, prefix: string): Expression<SqlBool> {
  if (prefix === '') return eb.lit(true);
  const last = prefix.charCodeAt(prefix.length - 1);
  const successor = `${prefix.slice(0, -1)}${String.fromCharCode(last + 1)}`;
  return eb.and([eb(column, '>=', prefix), eb(column, '<', successor)]);
}
