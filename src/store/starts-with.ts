import { sql, type Expression, type SqlBool } from 'kysely';

/**
 * `column` begins with `prefix`, compared as text. Not LIKE: step ids may hold
 * `_`, which LIKE reads as "any character", so `a_b/` would also match `axb/`.
 */
export function startsWith(column: Expression<string>, prefix: string): Expression<SqlBool> {
  return sql<SqlBool>`substr(${column}, 1, ${prefix.length}) = ${prefix}`;
}
