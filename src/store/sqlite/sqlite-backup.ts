import { existsSync, rmSync, statSync } from 'node:fs';
import SQLite from 'better-sqlite3';
import { ConflictError, InvalidInputError, TollgateError } from '../../core/errors.ts';

/** What a backup holds, read back from the copy itself. */
export interface SqliteBackupReport {
  source: string;
  target: string;
  bytes: number;
  /** The newest migration the copy has applied. */
  schemaVersion: number;
  runs: number;
  events: number;
}

/**
 * Copies a live SQLite database to `target` as one consistent snapshot
 * (`VACUUM INTO` reads it in one read transaction, so writers carry on and the
 * copy needs no -wal file), then opens the copy and checks it whole before
 * saying it is done. A backup never overwrites: an existing target is refused,
 * and a copy that fails its check is removed.
 */
export function backupSqlite(source: string, target: string): SqliteBackupReport {
  if (!existsSync(source)) throw new InvalidInputError('database_unreachable', `no SQLite database at ${source}: nothing to back up (give the data directory with --data or TOLLGATE_DATA)`);
  if (existsSync(target)) throw new ConflictError('backup_target_exists', `${target} exists already: a backup never overwrites, give a new file name`);
  const database = new SQLite(source, { readonly: true, fileMustExist: true });
  try {
    database.pragma('busy_timeout = 10000');
    database.prepare('VACUUM INTO ?').run(target);
  } catch (error) {
    rmSync(target, { force: true });
    throw new TollgateError('backup_failed', `could not write the backup ${target}: ${error instanceof Error ? error.message : String(error)}. Check that its folder exists and is writable, and that the disk has room for a copy of ${source}`, { cause: error });
  } finally {
    database.close();
  }
  try {
    return { source, target, bytes: statSync(target).size, ...checkCopy(target) };
  } catch (error) {
    rmSync(target, { force: true });
    throw error;
  }
}

function checkCopy(target: string): Pick<SqliteBackupReport, 'schemaVersion' | 'runs' | 'events'> {
  const { integrity, ...facts } = inspectSqliteCopy(target);
  if (integrity !== 'ok') throw new TollgateError('backup_failed', `the backup ${target} did not check whole (integrity_check: ${integrity}); it was removed. Run tollgate backup again; if it fails the same way, check the disk`);
  return facts;
}

/** What a copy of a Tollgate database holds, and SQLite's integrity_check of it (`ok` when whole). Throws SQLite's error on a file that is not a database. */
export function inspectSqliteCopy(file: string): Pick<SqliteBackupReport, 'schemaVersion' | 'runs' | 'events'> & { integrity: string } {
  const copy = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = String(copy.pragma('integrity_check', { simple: true }));
    const count = (sql: string) => Number((copy.prepare(sql).get() as { n: number | null }).n ?? 0);
    return {
      integrity,
      schemaVersion: count('SELECT MAX(version) AS n FROM tollgate_migrations'),
      runs: count('SELECT COUNT(*) AS n FROM runs'),
      events: count('SELECT COUNT(*) AS n FROM stripe_events'),
    };
  } finally {
    copy.close();
  }
}
