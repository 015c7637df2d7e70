import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from './database-schema.ts';

/** Rows per multi-row statement: well inside both databases' limits on bound values (SQLite 32,766, PostgreSQL 65,535). */
export const ROWS_PER_STATEMENT = 500;

/** `rows` in runs of at most `ROWS_PER_STATEMENT`, one multi-row statement each. */
export function statementChunks<T>(rows: readonly T[]): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) result.push(rows.slice(start, start + ROWS_PER_STATEMENT));
  return result;
}

/**
 * Updates rows of `table` from a list of values, one statement per `ROWS_PER_STATEMENT` rows:
 * `with <alias> (<columns>) as (values ...) update <table> set <set> from <alias> where <table>.id = <alias>.id`,
 * the same text on both dialects (SQLite 3.33+ updates FROM). Casts in `tuple` type PostgreSQL's
 * parameters; SQLite reads them as affinities. `set` reads the new values as `<alias>.<column>`.
 */
export async function updateFromValues<T>(
  trx: Kysely<Database>,
  input: { table: keyof Database; alias: string; columns: readonly string[]; rows: readonly T[]; tuple: (row: T) => RawBuilder<unknown>; set: RawBuilder<unknown> },
): Promise<void> {
  const [table, alias] = [sql.raw(input.table), sql.raw(input.alias)];
  for (const chunk of statementChunks(input.rows)) {
    await sql`with ${alias} (${sql.raw(input.columns.join(', '))}) as (values ${sql.join(chunk.map(input.tuple))})
      update ${table} set ${input.set} from ${alias} where ${table}.id = ${alias}.id`.execute(trx);
  }
}
