import { InvalidInputError } from '../core/errors.ts';
import { listMigrations, migrationsFolder } from '../store/migrator.ts';
import { restoreSqlite, type SqliteRestoreReport } from '../store/sqlite/sqlite-restore.ts';
import { sealingKeyOf } from './backup-database.ts';
import type { Config } from './config.ts';

export interface RestoreReport extends SqliteRestoreReport {
  /** The key the restored database's connector secrets need (sealingKeyOf); null when none is in use here. */
  secretKey: string | null;
  /** Migrations the restored database lacks: `tollgate start` (or `tollgate migrate`) applies them. */
  migrationsToApply: number;
}

/**
 * Puts a `tollgate backup` copy in place of the configured SQLite database,
 * while no Tollgate runs on it. With PostgreSQL the database's own tools do it.
 */
export function restoreDatabase(config: Config, backup: string, now: Date): RestoreReport {
  if (config.databaseUrl !== undefined && config.databaseUrl !== '') {
    throw new InvalidInputError('restore_unsupported', 'tollgate restore puts back a SQLite backup; with PostgreSQL (DATABASE_URL) restore with its own tools, e.g. pg_restore --clean --dbname "$DATABASE_URL" tollgate.dump');
  }
  const newestSchema = listMigrations(migrationsFolder('sqlite')).length;
  const report = restoreSqlite(backup, config.sqliteFile, { newestSchema, now });
  return { ...report, secretKey: sealingKeyOf(config), migrationsToApply: newestSchema - report.schemaVersion };
}
