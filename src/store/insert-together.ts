import { CompiledQuery, PostgresAdapter, type Kysely } from 'kysely';
import type { Database } from './database-schema.ts';

/** Bound values one combined statement takes at most: well inside PostgreSQL's 65,535. */
const MAX_PARAMETERS = 30_000;

/** Texts renumbered by `offset`, by text then offset: batches repeat their shapes. Cleared when full. */
const RENUMBERED_KEPT = 512;
const renumbered = new Map<string, Map<number, string>>();
let renumberedCount = 0;

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
    const text = offset === 0 ? query.sql : renumber(query.sql, offset);
    offset += query.parameters.length;
    return text;
  });
  if (offset > MAX_PARAMETERS) return undefined;
  const last = texts.pop() ?? '';
  const parameters: unknown[] = [];
  for (const query of queries) for (const value of query.parameters) parameters.push(value);
  const combined = CompiledQuery.raw(`with ${texts.map((text, index) => `s${index} as (${text})`).join(', ')} ${last}`, parameters);
  partsOfCombined.set(combined, queries);
  return combined;
}

/** `text` with its placeholders moved up by `offset`: Kysely writes every value as a $n placeholder (no literals), so that is all it takes. */
function renumber(text: string, offset: number): string {
  let byOffset = renumbered.get(text);
  const kept = byOffset?.get(offset);
  if (kept !== undefined) return kept;
  const moved = text.replace(/\$(\d+)/g, (_, number: string) => `$${Number(number) + offset}`);
  if (renumberedCount >= RENUMBERED_KEPT) {
    renumbered.clear();
    renumberedCount = 0;
    byOffset = undefined;
  }
  if (byOffset === undefined) renumbered.set(text, (byOffset = new Map<number, string>()));
  byOffset.set(offset, moved);
  renumberedCount += 1;
  return moved;
}

/** The inserts `query` combines (combinedInsert), or `query` alone. */
export function insertsOf(query: CompiledQuery): readonly CompiledQuery[] {
  return partsOfCombined.get(query) ?? [query];
}
