import { existsSync } from 'node:fs';
import { InvalidInputError } from '../core/errors.ts';
import { backupSqlite, type SqliteBackupReport } from '../store/sqlite/sqlite-backup.ts';
import type { Config } from './config.ts';
import { keyFileOf } from './secret-key-ring.ts';

export interface BackupReport extends SqliteBackupReport {
  /** Where the key that seals connector secrets lives, when one is in use: the backup cannot open them without it. */
  secretKey: string | null;
}

/**
 * Backs up the configured SQLite database to `target` while Tollgate runs.
 * With PostgreSQL the database's own tools do it (pg_dump), and this says so.
 */
export function backupDatabase(config: Config, target: string): BackupReport {
  if (config.databaseUrl !== undefined && config.databaseUrl !== '') {
    throw new InvalidInputError('backup_unsupported', 'tollgate backup copies the SQLite database; with PostgreSQL (DATABASE_URL) back up with its own tools, e.g. pg_dump --format=custom --file=tollgate.dump "$DATABASE_URL"');
  }
  return { ...backupSqlite(config.sqliteFile, target), secretKey: sealingKeyOf(config) };
}

/** The key that seals connector values here (`TOLLGATE_SECRET_KEY` or `<data>/secret.key`), which a backup needs to open them; null when none is in use. */
export function sealingKeyOf(config: Config): string | null {
  const keyFile = keyFileOf(config.dataDir);
  return config.secretKey !== undefined ? 'TOLLGATE_SECRET_KEY' : existsSync(keyFile) ? keyFile : null;
}
