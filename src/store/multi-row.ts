/** Rows per multi-row statement: well inside both databases' limits on bound values (SQLite 32,766, PostgreSQL 65,535). */
export const ROWS_PER_STATEMENT = 500;

/** `rows` in runs of at most `ROWS_PER_STATEMENT`, one multi-row statement each. */
export function statementChunks<T>(rows: readonly T[]): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) result.push(rows.slice(start, start + ROWS_PER_STATEMENT));
  return result;
}
