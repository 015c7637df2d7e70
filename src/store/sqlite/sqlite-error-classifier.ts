import SQLite from 'better-sqlite3';
import { StoreUnavailableError } from '../../core/errors.ts';

/**
 * SQLite's result codes that say "not now" rather than "never": another
 * writer holds the file past the busy timeout, the disk failed or is full,
 * the file cannot be opened. Extended codes (`SQLITE_BUSY_SNAPSHOT`) count by
 * their primary code.
 */
const UNAVAILABLE = new Set(['SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_IOERR', 'SQLITE_FULL', 'SQLITE_CANTOPEN', 'SQLITE_PROTOCOL', 'SQLITE_NOMEM']);

export function classifySqliteError(error: unknown): unknown {
  if (!(error instanceof SQLite.SqliteError)) return error;
  const primary = error.code.split('_').slice(0, 2).join('_');
  if (!UNAVAILABLE.has(primary)) return error;
  return new StoreUnavailableError(`the SQLite database is unavailable (${error.code}): ${error.message}; the work is retried`, { cause: error });
}
