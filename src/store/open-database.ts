import { StoreUnavailableError, TollgateError } from '../core/errors.ts';
import type { FaultPoints } from '../core/fault-points.ts';
import type { Logger } from '../core/logger.ts';
import { DatabaseConnectTimeout } from './database-connect-timeout.ts';
import { DatabaseQueryTimeout } from './database-query-timeout.ts';
import { describeDatabaseUrl } from './database-url.ts';
import type { DialectDatabase } from './dialect.ts';
import type { StatementCounter } from './statement-counter.ts';

/** Which database to open, and how. */
export interface DatabaseOptions {
  /** A `postgres://` URL; when absent or empty, SQLite at `sqliteFile`. */
  databaseUrl?: string | undefined;
  sqliteFile: string;
  sqliteSynchronous?: 'FULL' | 'NORMAL';
  /** SQLite's page cache in MB (see Config.sqliteCacheMb); unset keeps the driver's 16 MB. */
  sqliteCacheMb?: number | undefined;
  poolSize?: number;
  /** PostgreSQL: how long a new connection may take to be ready (TOLLGATE_DATABASE_CONNECT_TIMEOUT); default 10 s. */
  connectTimeoutMs?: number | undefined;
  /** PostgreSQL: how long a query may wait for its answer (TOLLGATE_DATABASE_QUERY_TIMEOUT); default 30 s. */
  queryTimeoutMs?: number | undefined;
  /** Fault points tests arm (see core/fault-points.ts); none in production. */
  faults?: FaultPoints | undefined;
  /** Counts every statement the store sends (statement-counter.ts); none in production. */
  statementCounter?: StatementCounter | undefined;
  /** PostgreSQL: where a lost connection is reported, once per connection at warn; unset: nowhere. */
  logger?: Logger | undefined;
}

/**
 * Opens the dialect database `options` name. Only the store layer holds one.
 * Only that dialect's driver is loaded: a process on SQLite never loads pg.
 */
export async function openDatabase(options: DatabaseOptions): Promise<DialectDatabase> {
  const url = options.databaseUrl;
  const extras = {
    ...(options.faults === undefined ? {} : { faults: options.faults }),
    ...(options.statementCounter === undefined ? {} : { statementCounter: options.statementCounter }),
  };
  if (url === undefined || url === '') {
    const { openSqlite } = await import('./sqlite/sqlite-database.ts');
    return openSqlite({
      filename: options.sqliteFile,
      synchronous: options.sqliteSynchronous ?? 'FULL',
      ...(options.sqliteCacheMb === undefined ? {} : { cacheMb: options.sqliteCacheMb }),
      ...extras,
    });
  }
  const { openPostgres } = await import('./postgres/postgres-database.ts');
  return openPostgres({
    url,
    ...(options.poolSize === undefined ? {} : { poolSize: options.poolSize }),
    ...(options.connectTimeoutMs === undefined ? {} : { connectTimeoutMs: options.connectTimeoutMs }),
    ...(options.queryTimeoutMs === undefined ? {} : { queryTimeoutMs: options.queryTimeoutMs }),
    ...(options.logger === undefined ? {} : { logger: options.logger }),
    ...extras,
  });
}

/** The one-line failure naming the database (never its password) and what to check for its dialect. */
export function databaseUnreachable(options: DatabaseOptions, error: unknown): TollgateError {
  const where = options.databaseUrl ? describeDatabaseUrl(options.databaseUrl) : options.sqliteFile;
  // An outage's own message says the work is retried, which holds for a step, not for a process that cannot start: the driver's words say what happened.
  const said = error instanceof StoreUnavailableError && error.cause instanceof Error ? error.cause : error;
  const reason = said instanceof Error ? said.message : String(said);
  const advice =
    said instanceof DatabaseConnectTimeout
      ? `Check that DATABASE_URL names the right host and port, that PostgreSQL is running there, and that no firewall drops the connection; if it is only slow to answer, give it longer with TOLLGATE_DATABASE_CONNECT_TIMEOUT (now ${said.timeoutMs / 1000}s).`
      : said instanceof DatabaseQueryTimeout
        ? `Check that PostgreSQL there is running and not overloaded, and the network path to it; if its queries are only slow, give them longer with TOLLGATE_DATABASE_QUERY_TIMEOUT (now ${said.timeoutMs / 1000}s).`
        : options.databaseUrl
          ? 'Check that PostgreSQL is running and reachable from here, and that DATABASE_URL is right.'
          : 'Check that TOLLGATE_DATA (or --data) names a folder this user can write, or set DATABASE_URL for PostgreSQL.';
  return new TollgateError('database_unreachable', `cannot use the database at ${where}: ${reason}. ${advice}`, { cause: error });
}
