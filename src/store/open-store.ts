import { TollgateError } from '../core/errors.ts';
import type { FaultPoints } from '../core/fault-points.ts';
import { describeDatabaseUrl } from './database-url.ts';
import { openPostgres } from './postgres/postgres-database.ts';
import { openSqlite } from './sqlite/sqlite-database.ts';
import { SqlStore } from './sql-store.ts';

export interface OpenStoreOptions {
  /** A `postgres://` URL; when absent, SQLite at `sqliteFile`. */
  databaseUrl?: string | undefined;
  sqliteFile: string;
  sqliteSynchronous?: 'FULL' | 'NORMAL';
  poolSize?: number;
  /** Apply pending migrations (default true). */
  migrate?: boolean;
  /** Fault points tests arm (see core/fault-points.ts); none in production. */
  faults?: FaultPoints | undefined;
}

/**
 * Opens the configured database and checks it answers. An unreachable
 * database fails with one line naming the URL (without its password).
 */
export async function openStore(options: OpenStoreOptions): Promise<SqlStore> {
  const url = options.databaseUrl;
  const faults = options.faults === undefined ? {} : { faults: options.faults };
  const database =
    url === undefined || url === ''
      ? openSqlite({ filename: options.sqliteFile, synchronous: options.sqliteSynchronous ?? 'FULL', ...faults })
      : openPostgres({ url, ...(options.poolSize === undefined ? {} : { poolSize: options.poolSize }), ...faults });
  const store = new SqlStore(database);
  try {
    if (options.migrate ?? true) await store.migrate();
    else await store.countRuns({});
  } catch (error) {
    await database.close().catch(() => undefined);
    const where = url ? describeDatabaseUrl(url) : options.sqliteFile;
    const reason = error instanceof Error ? error.message : String(error);
    throw new TollgateError('database_unreachable', `cannot use the database at ${where}: ${reason}. Check that it is running, reachable, and that DATABASE_URL is right.`, { cause: error });
  }
  return store;
}
