import { CompiledQuery, PostgresAdapter, type Compilable, type Kysely } from 'kysely';
import type { Database } from './database-schema.ts';
import { statementChunks } from './multi-row.ts';
import { rowsAsJsonInsert, rowsJson } from './postgres/rows-as-json.ts';

const MARKER = '\u0000tollgate-row:';

/** Templates kept per statement and dialect, one per row count met, the most recently used staying. */
const TEMPLATES_KEPT = 256;

/** PostgreSQL's one template, for any row count (postgres/rows-as-json.ts). */
const ANY_COUNT = 0;

/**
 * A compiled insert of `rows` rows: its parameters are each row's values in
 * `columns` order, between fixed ones; or, `asJson`, the rows as one JSON
 * parameter between them.
 */
interface Template {
  compiled: CompiledQuery;
  columns: readonly string[];
  before: readonly unknown[];
  after: readonly unknown[];
  asJson: boolean;
}

/** A multi-row insert of rows Kysely built once per row count (PostgreSQL: once), run again with new rows. */
export interface PreparedInsert<Row extends object> {
  /** Inserts `rows`, one statement per `ROWS_PER_STATEMENT`; returns what the statements return (`returning`), in order. */
  execute(db: Kysely<Database>, rows: readonly Row[]): Promise<unknown[]>;
  /** The statements `execute` would run for `rows`, not run (insert-together.ts runs several as one). */
  compile(db: Kysely<Database>, rows: readonly Row[]): CompiledQuery[];
}

/**
 * The multi-row inserts of the hot path (runs, their journal rows, mail, the
 * intake's events) cost more to build (Kysely parses every value of every row
 * into a node, then compiles the nodes to text) than SQLite takes to run them.
 * This builds the statement once per row count with placeholder rows, keeps
 * the compiled text, and then only lays the new rows' values out as its
 * parameters. On PostgreSQL it builds one text for any row count, which takes
 * the rows as one JSON value (postgres/rows-as-json.ts). Every row of every call must have the same columns, each with a value
 * (`null`, never `undefined`): a fixed text has no DEFAULT to fall back on.
 *
 * @example
 * const insertMatches = preparedInsert<EventMatchRow>((db, rows) => db.insertInto('event_matches').values(rows));
 * await insertMatches.execute(trx, matches);
 */
export function preparedInsert<Row extends object>(build: (db: Kysely<Database>, rows: Row[]) => Compilable<unknown>): PreparedInsert<Row> {
  // Per dialect (placeholders differ: ? or $1); transactions of one database share their adapter.
  const templates = new WeakMap<object, Map<number, Template>>();

  function templateFor(db: Kysely<Database>, first: object, rowCount: number): Template {
    const adapter = db.getExecutor().adapter;
    const count = adapter instanceof PostgresAdapter ? ANY_COUNT : rowCount;
    let kept = templates.get(adapter);
    if (kept === undefined) templates.set(adapter, (kept = new Map<number, Template>()));
    let template = kept.get(count);
    if (template === undefined) {
      const columns = Object.keys(first);
      const placeholders = Array.from({ length: Math.max(count, 1) }, (_, row) => Object.fromEntries(columns.map((column) => [column, `${MARKER}${row}:${column}`])));
      template = compileTemplate(build(db, placeholders as Row[]).compile(), columns, Math.max(count, 1));
      if (count === ANY_COUNT) template = asJsonTemplate(template);
      if (kept.size >= TEMPLATES_KEPT) kept.delete(kept.keys().next().value as number);
    } else {
      kept.delete(count);
    }
    kept.set(count, template);
    return template;
  }

  function compile(db: Kysely<Database>, rows: readonly Row[]): CompiledQuery[] {
    return statementChunks(rows).map((chunk) => {
      const template = templateFor(db, chunk[0] as object, chunk.length);
      const parameters = [...template.before];
      chunk.forEach((row, index) => {
        for (const column of template.columns) {
          const value = (row as Record<string, unknown>)[column];
          if (value === undefined) throw new Error(`prepared insert: row ${index} has no value for "${column}"`);
          if (!template.asJson) parameters.push(value);
        }
        if (countKeys(row) !== template.columns.length) throw new Error(`prepared insert: row ${index} has other columns than ${template.columns.join(', ')}`);
      });
      if (template.asJson) parameters.push(rowsJson(chunk));
      parameters.push(...template.after);
      return { ...template.compiled, parameters };
    });
  }

  return {
    compile,
    async execute(db, rows) {
      const returned: unknown[] = [];
      // Every statement is laid out before the first runs: a refused row leaves nothing written.
      for (const query of compile(db, rows)) returned.push(...(await db.executeQuery(query)).rows);
      return returned;
    },
  };
}

function countKeys(row: object): number {
  let count = 0;
  for (const key in row) if (Object.hasOwn(row, key)) count += 1;
  return count;
}

/** The template of a compiled insert, whose placeholders must come row by row, column by column, as Kysely lays out `values`. */
function compileTemplate(compiled: CompiledQuery, columns: readonly string[], count: number): Template {
  const parameters = compiled.parameters;
  const at = parameters.findIndex((value) => typeof value === 'string' && value.startsWith(MARKER));
  const placeholders = count * columns.length;
  for (let index = 0; index < placeholders; index += 1) {
    const row = Math.floor(index / columns.length);
    if (parameters[at + index] !== `${MARKER}${row}:${columns[index % columns.length]}`) throw new Error(`prepared insert: the statement does not take its rows' values in order (${compiled.sql.slice(0, 60)}...)`);
  }
  const after = parameters.slice(at + placeholders);
  if (after.some((value) => typeof value === 'string' && value.startsWith(MARKER))) throw new Error('prepared insert: the statement uses a row value twice');
  // Only the text is kept: the placeholder rows' syntax tree (a node per value) would hold far more memory than it.
  return { compiled: CompiledQuery.raw(compiled.sql), columns, before: parameters.slice(0, at), after, asJson: false };
}

/** A one-row template as PostgreSQL's any-row-count form, with the rows as one JSON parameter. */
function asJsonTemplate(template: Template): Template {
  const compiled = rowsAsJsonInsert(template.compiled, template.before.length, template.columns.length);
  if (compiled === undefined) throw new Error(`prepared insert: the statement does not take one row of values (${template.compiled.sql.slice(0, 60)}...)`);
  return { ...template, compiled, asJson: true };
}
