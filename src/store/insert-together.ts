import { CompiledQuery, PostgresAdapter, type Kysely } from 'kysely';
import type { Database } from './database-schema.ts';

/** Bound values one combined statement takes at most: well inside PostgreSQL's 65,535. */
const MAX_PARAMETERS = 30_000;

/**
 * Runs inserts that return nothing, in order. On PostgreSQL, as one statement
 * (`WITH s0 AS (insert ...), s1 AS (insert ...) insert ...`): one round trip
 * instead of one per insert. Each sub-statement runs once, all or none. SQLite
 * runs them one after another (no round trips to save, and no inserts inside
 * WITH), and checks a foreign key at each: give the rows referred to first.
 */
export async function insertTogether(db: Kysely<Database>, queries: readonly CompiledQuery[]): Promise<void> {
  const parameters = queries.reduce((sum, query) => sum + query.parameters.length, 0);
  if (queries.length < 2 || !(db.getExecutor().adapter instanceof PostgresAdapter) || parameters > MAX_PARAMETERS) {
    for (const query of queries) await db.executeQuery(query);
    return;
  }
  await db.executeQuery(combined(queries));
}

function combined(queries: readonly CompiledQuery[]): CompiledQuery {
  let offset = 0;
  const texts = queries.map((query) => {
    // Kysely writes every value as a $n placeholder (no literals), so renumbering them is all it takes.
    const text = offset === 0 ? query.sql : query.sql.replace(/\$(\d+)/g, (_, number: string) => `$${Number(number) + offset}`);
    offset += query.parameters.length;
    return text;
  });
  const last = texts.pop() ?? '';
  const sql = `with ${texts.map((text, index) => `s${index} as (${text})`).join(', ')} ${last}`;
  return CompiledQuery.raw(sql, queries.flatMap((query) => query.parameters));
}
