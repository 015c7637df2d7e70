import { TollgateError } from '../core/errors.ts';
import { describeDatabaseUrl } from '../store/database-url.ts';
import type { DialectDatabase } from '../store/dialect.ts';
import { migrate } from '../store/migrator.ts';
import { openPostgres } from '../store/postgres/postgres-database.ts';
import { openSqlite } from '../store/sqlite/sqlite-database.ts';
import type { Config } from './config.ts';

export interface MigrationReport {
  /** Where the data lives, without a password (`sqlite:.tollgate/tollgate.db`, `postgres://u:***@host/db`). */
  database: string;
  /** The migration files applied now, in order; empty when the database was up to date. */
  applied: string[];
}

/**
 * Applies the pending migrations of the configured database and says which
 * ones it applied (`openStore` migrates too, but silently).
 *
 * @throws TollgateError `database_unreachable` naming the database (never its password).
 */
export async function migrateDatabase(config: Config): Promise<MigrationReport> {
  const url = config.databaseUrl;
  const where = url === undefined ? config.sqliteFile : describeDatabaseUrl(url);
  let database: DialectDatabase;
  try {
    database = url === undefined ? openSqlite({ filename: config.sqliteFile, synchronous: config.sqliteSynchronous }) : openPostgres({ url, poolSize: 1 });
  } catch (error) {
    throw unreachable(where, error);
  }
  try {
    const { applied } = await migrate(database).catch((error: unknown) => {
      // A bad migration file is our fault, not the database's: keep its own error.
      if (error instanceof TollgateError) throw error;
      throw unreachable(where, error);
    });
    return { database: database.describe(), applied };
  } finally {
    await database.close().catch(() => undefined);
  }
}

function unreachable(where: string, error: unknown): TollgateError {
  const reason = error instanceof Error ? error.message : String(error);
  return new TollgateError('database_unreachable', `cannot use the database at ${where}: ${reason}. Check that it is running, reachable, and that DATABASE_URL is right.`, {
    cause: error,
  });
}
