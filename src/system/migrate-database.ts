import { applyMigrations, type MigrationReport } from '../store/apply-migrations.ts';
import { databaseOptionsOf, type Config } from './config.ts';

export type { MigrationReport } from '../store/apply-migrations.ts';

/**
 * Applies the pending migrations of the configured database and says which
 * ones it applied.
 *
 * @throws TollgateError `database_unreachable` naming the database (never its password).
 */
export function migrateDatabase(config: Config): Promise<MigrationReport> {
  return applyMigrations({ ...databaseOptionsOf(config), poolSize: 1 });
}
