import { CompiledQuery, PostgresAdapter, type Kysely } from 'kysely';
import type { Database } from './database-schema.ts';

/** Bound values one combined statement takes at most: well inside PostgreSQL's 65,535. */
const MAX_PARAMETERS = 30_000;

/** The inserts a combined statement was made of, by the statement (insert-recorder.ts lays them out again). */
const partsOfCombined = new WeakMap<CompiledQuery, readonly CompiledQuery[]>();

/**
 * Runs inserts that return nothing, in order. On PostgreSQL, as one statement
 * (`WITH s0 AS (insert ...), s1 AS (insert ...) insert ...`): one round trip
 * instead of one per insert. Each sub-statement runs once, all or none. SQLite
 * runs them one after another (no round trips to save, and no inserts inside
 * WITH), and checks a foreign key at each: give the rows referred to first.
 */
export async function insertTogether(db: Kysely<Database>, queries: readonly CompiledQuery[]): Promise<void> {
  const combined = db.getExecutor().adapter instanceof PostgresAdapter ? combinedInsert(queries) : undefined;
  if (combined === undefined) {
    for (const query of queries) await db.executeQuery(query);
    return;
  }
  await db.executeQuery(combined);
}

/**
 * PostgreSQL's one statement for inserts that return nothing (a single one as
 * it is); undefined when there are none, or more bound values than one
 * statement takes.
 */
export function combinedInsert(queries: readonly CompiledQuery[]): CompiledQuery | undefined {
  if (queries.length < 2) return queries[0];
  let offset = 0;
  const texts = queries.map((query) => {
    // Kysely writes every value as a $n placeholder (no literals), so renumbering them is all it takes.
    const text = offset === 0 ? query.sql : query.sql.replace(/\$(\d+)/g, (_, number: string) => `$${Number(number) + offset}`);
    offset += query.parameters.length;
    return text;
  });
  if (offset > MAX_PARAMETERS) return undefined;
  const last = texts.pop() ?? '';
  const combined = CompiledQuery.raw(`with ${texts.map((text, index) => `s${index} as (${text})`).join(', ')} ${last}`, queries.flatMap((query) => query.parameters));
  partsOfCombined.set(combined, queries);
  return combined;
}

/** The inserts `query` combines (combinedInsert), or `query` alone. */
export function insertsOf(query: CompiledQuery): readonly CompiledQuery[] {
  return partsOfCombined.get(query) ?? [query];
}
