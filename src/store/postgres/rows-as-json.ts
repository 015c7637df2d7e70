import { CompiledQuery } from 'kysely';

// `insert into "t" ("a", "b") values ($1, $2)` and what follows it (on conflict, returning).
const SINGLE_ROW_INSERT = /^insert into ("[^"]+") \(([^)]+)\) values \(([^)]+)\)(.*)$/s;

/**
 * PostgreSQL's form of a prepared multi-row insert (prepared-insert.ts): the
 * rows as ONE json parameter read by json_populate_recordset, each value
 * converted to its column's type as a bound value would be. Its text is the
 * same for any number of rows, so a batch of 30 rows binds one value, not
 * 30 × its columns, and the server parses a short text it has seen before
 * instead of a new, long one per row count. `compiled` is the insert Kysely
 * built for one row, whose values are the parameters from `at`.
 *
 * @example
 * // insert into "runs" ("id", "status") values ($1, $2) on conflict ("id") do nothing
 * // becomes
 * // insert into "runs" ("id", "status") select "id", "status" from json_populate_recordset(null::"runs", $1::json) on conflict ("id") do nothing
 */
export function rowsAsJsonInsert(compiled: CompiledQuery, at: number, columnCount: number): CompiledQuery | undefined {
  const match = SINGLE_ROW_INSERT.exec(compiled.sql);
  if (match === null) return undefined;
  const [, table = '', columns = '', values = '', rest = ''] = match;
  const expected = Array.from({ length: columnCount }, (_, index) => `$${at + index + 1}`).join(', ');
  if (values !== expected) return undefined;
  const after = rest.replace(/\$(\d+)/g, (_, number: string) => `$${Number(number) - columnCount + 1}`);
  return CompiledQuery.raw(`insert into ${table} (${columns}) select ${columns} from json_populate_recordset(null::${table}, $${at + 1}::json)${after}`);
}

// JSON.stringify writes a lone surrogate as an escape (\ud800), which PostgreSQL's json refuses; a pair it writes as is.
const LONE_SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;

/**
 * The rows as the JSON parameter of rowsAsJsonInsert. A string holding half
 * of a surrogate pair is stored with U+FFFD in its place, as a bound text
 * value is (and as SQLite stores it), not refused.
 */
export function rowsJson(rows: readonly object[]): string {
  const json = JSON.stringify(rows);
  if (!LONE_SURROGATE_ESCAPE.test(json)) return json;
  return JSON.stringify(rows, (_key, value: unknown) => (typeof value === 'string' ? value.toWellFormed() : value));
}
