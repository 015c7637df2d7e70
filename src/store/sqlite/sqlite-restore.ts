import { copyFileSync, existsSync, fsyncSync, openSync, closeSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConflictError, InvalidInputError, TollgateError } from '../../core/errors.ts';
import { inspectSqliteCopy, type SqliteBackupReport } from './sqlite-backup.ts';

export interface SqliteRestoreReport extends SqliteBackupReport {
  /** Where the database the restore replaced was kept (never deleted); null when there was none. */
  keptAside: string | null;
}

/**
 * Puts the backup `source` in place of the SQLite database `target`, after
 * checking the backup whole and made by a Tollgate that knows no newer schema
 * than `newestSchema`. Refuses while any process has the database open: a
 * clean close removes its -wal and -shm files, so their presence means a
 * running Tollgate (or one that crashed, whose WAL must be recovered first).
 * The database it replaces is renamed aside, never deleted; the copy is
 * written beside the target and renamed over it, so a failure leaves the
 * target as it was.
 */
export function restoreSqlite(source: string, target: string, options: { newestSchema: number; now: Date }): SqliteRestoreReport {
  if (!existsSync(source)) throw new InvalidInputError('restore_unreadable', `no backup at ${source}`, [], { path: 'file' });
  const facts = inspectBackup(source, options.newestSchema);
  const open = [`${target}-wal`, `${target}-shm`].filter((file) => existsSync(file));
  if (open.length > 0) {
    throw new ConflictError(
      'restore_database_busy',
      `${target} is open (${open.join(', ')} exist): stop every tollgate start, serve and worker using it, then restore. If none runs, one stopped without closing it: start and stop Tollgate once so it recovers its last writes, then restore`,
    );
  }
  const staged = `${target}.restoring`;
  try {
    copyFileSync(source, staged);
    syncFile(staged);
  } catch (error) {
    rmSync(staged, { force: true });
    throw new TollgateError('restore_failed', `could not copy ${source} beside ${target}: ${error instanceof Error ? error.message : String(error)}. Check that the folder is writable and has room; the database was not touched`, { cause: error });
  }
  const keptAside = existsSync(target) ? `${target}.before-restore-${options.now.toISOString().replaceAll(':', '-')}` : null;
  if (keptAside !== null) renameSync(target, keptAside);
  renameSync(staged, target);
  // The renames are the folder's to keep: a power cut now leaves the restored database in place.
  syncFile(dirname(target), 'r');
  return { source, target, bytes: statSync(target).size, ...facts, keptAside };
}

function inspectBackup(source: string, newestSchema: number): Pick<SqliteBackupReport, 'schemaVersion' | 'runs' | 'events'> {
  let inspected: ReturnType<typeof inspectSqliteCopy>;
  try {
    inspected = inspectSqliteCopy(source);
  } catch (error) {
    throw new InvalidInputError('restore_unreadable', `${source} is not a Tollgate backup (${error instanceof Error ? error.message : String(error)}); give a file tollgate backup wrote`, [], { path: 'file', cause: error });
  }
  const { integrity, ...facts } = inspected;
  if (integrity !== 'ok') throw new InvalidInputError('restore_unreadable', `${source} does not check whole (integrity_check: ${integrity}); restore an older backup`, [], { path: 'file' });
  if (facts.schemaVersion > newestSchema) {
    throw new InvalidInputError('restore_unreadable', `${source} comes from a newer Tollgate (schema ${facts.schemaVersion}; this one knows up to ${newestSchema}): upgrade Tollgate, then restore`, [], { path: 'file' });
  }
  return facts;
}

function syncFile(file: string, flags = 'r+'): void {
  const descriptor = openSync(file, flags);
  try {
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
}
