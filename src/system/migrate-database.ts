import type { Logger } from '../core/logger.ts';
import { applyMigrations, type MigrationReport } from '../store/apply-migrations.ts';
import { databaseOptionsOf, type Config } from './config.ts';

export type { MigrationReport } from '../store/apply-migrations.ts';

/**
 * Applies the pending migrations of the configured database and says which
 * ones it applied; `logger` hears which are about to run and how long each took.
 *
 * @throws TollgateError `database_unreachable` naming the database (never its password).
 */
export function migrateDatabase(config: Config, logger?: Logger): Promise<MigrationReport> {
  return applyMigrations({ ...databaseOptionsOf(config), poolSize: 1, logger });
}
