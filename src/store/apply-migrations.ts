import { StoreUnavailableError, TollgateError } from '../core/errors.ts';
import type { DialectDatabase } from './dialect.ts';
import { migrate } from './migrator.ts';
import { databaseUnreachable, openDatabase, type DatabaseOptions } from './open-database.ts';

export interface MigrationReport {
  /** Where the data lives, without a password (`sqlite:.tollgate/tollgate.db`, `postgres://u:***@host/db`). */
  database: string;
  /** The migration files applied now, in order; empty when the database was up to date. */
  applied: string[];
}

/**
 * Applies the pending migrations of a database and says which ones it applied
 * (`openStore` migrates too, but silently).
 *
 * @throws TollgateError `database_unreachable` naming the database (never its password).
 */
export async function applyMigrations(options: DatabaseOptions): Promise<MigrationReport> {
  let database: DialectDatabase;
  try {
    database = await openDatabase(options);
  } catch (error) {
    throw databaseUnreachable(options, error);
  }
  try {
    const { applied } = await migrate(database, { logger: options.logger }).catch((error: unknown) => {
      // A bad migration file is our fault, not the database's: keep its own error. An outage is the database's.
      if (error instanceof TollgateError && !(error instanceof StoreUnavailableError)) throw error;
      throw databaseUnreachable(options, error);
    });
    return { database: database.describe(), applied };
  } finally {
    await database.close().catch(() => undefined);
  }
}
