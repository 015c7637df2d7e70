import { StoreUnavailableError, TollgateError } from '../core/errors.ts';
import { databaseUnreachable, openDatabase, type DatabaseOptions } from './open-database.ts';
import { SqlStore } from './sql-store.ts';

export interface OpenStoreOptions extends DatabaseOptions {
  /** Apply pending migrations (default true). */
  migrate?: boolean;
}

/**
 * Opens the configured database and checks it answers. An unreachable
 * database fails with one line naming the URL (without its password).
 */
export async function openStore(options: OpenStoreOptions): Promise<SqlStore> {
  let database;
  try {
    database = await openDatabase(options);
  } catch (error) {
    throw databaseUnreachable(options, error);
  }
  const store = new SqlStore(database);
  try {
    if (options.migrate ?? true) await store.migrate({ logger: options.logger });
    else await store.countRuns({});
  } catch (error) {
    await store.close().catch(() => undefined);
    // As `tollgate migrate` does: a bad migration file or a database newer than this build keeps its own error; an outage is the database's.
    if (error instanceof TollgateError && !(error instanceof StoreUnavailableError)) throw error;
    throw databaseUnreachable(options, error);
  }
  return store;
}
