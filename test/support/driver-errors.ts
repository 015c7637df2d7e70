// The errors the database drivers really throw when the database goes away,
// for arming store fault points with what production would see.
import SQLite from 'better-sqlite3';
import pg from 'pg';
import type { TestDialect } from './test-database.ts';

/** PostgreSQL's "terminating connection due to administrator command" (SQLSTATE 57P01), as pg reports it. */
export function postgresAdminShutdown(): pg.DatabaseError {
  const error = new pg.DatabaseError('terminating connection due to administrator command', 0, 'error');
  error.code = '57P01';
  error.severity = 'FATAL';
  return error;
}

/** What pg throws when the socket closes under a query: a plain Error, no SQLSTATE. */
export function postgresConnectionTerminated(): Error {
  return new Error('Connection terminated unexpectedly');
}

/** SQLite's answer when another writer holds the file past the busy timeout. */
export function sqliteBusy(): InstanceType<typeof SQLite.SqliteError> {
  return new SQLite.SqliteError('database is locked', 'SQLITE_BUSY');
}

/** A connection loss on the dialect under test. */
export function connectionLost(dialect: TestDialect): Error {
  return dialect === 'postgres' ? postgresConnectionTerminated() : sqliteBusy();
}

/** A server-side outage on the dialect under test. */
export function databaseGoingAway(dialect: TestDialect): Error {
  return dialect === 'postgres' ? postgresAdminShutdown() : sqliteBusy();
}
