// The store boundary classifies real driver failures: a PostgreSQL backend
// terminated under a query (57P01) and an SQLite file another writer holds
// (SQLITE_BUSY) both come out of the store as StoreUnavailableError, with the
// driver's error kept as the cause.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import { StoreUnavailableError } from '../../src/core/errors.ts';
import { inspectDatabase } from '../../src/store/inspect.ts';
import { openStore } from '../../src/store/open-store.ts';
import { createTestDatabase } from '../support/test-database.ts';

function causeCode(error: unknown): unknown {
  return error instanceof Error && error.cause instanceof Error && 'code' in error.cause ? error.cause.code : undefined;
}

test('a real driver outage comes out of the store as store_unavailable', async () => {
  const database = await createTestDatabase();
  const store = await openStore({ databaseUrl: database.databaseUrl, sqliteFile: database.sqliteFile });
  try {
    if (database.dialect === 'postgres') {
      const sleeping = sql`SELECT pg_sleep(30)`.execute(inspectDatabase(store)).then(
        () => undefined,
        (error: unknown) => error,
      );
      const admin = new pg.Client({ connectionString: database.databaseUrl });
      await admin.connect();
      try {
        // Terminate the backend once it is running the query (an administrator, a failover).
        for (let tries = 0; tries < 500; tries += 1) {
          const result = await admin.query(`SELECT pg_terminate_backend(pid) AS done FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep%' AND pid <> pg_backend_pid()`);
          if (result.rowCount) break;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      } finally {
        await admin.end();
      }
      const error = await sleeping;
      assert.ok(error instanceof StoreUnavailableError, `the query failed with ${String(error)}`);
      assert.equal(error.code, 'store_unavailable');
      assert.equal(causeCode(error), '57P01');
    } else {
      const other = new SQLite(database.sqliteFile);
      await sql`PRAGMA busy_timeout = 0`.execute(inspectDatabase(store));
      other.exec('BEGIN IMMEDIATE');
      try {
        // A write must take the file's write lock, which the other connection holds.
        await assert.rejects(store.cancelRun({ id: 'run_missing', now: new Date() }), (error: unknown) => error instanceof StoreUnavailableError && causeCode(error) === 'SQLITE_BUSY');
      } finally {
        other.exec('ROLLBACK');
        other.close();
      }
    }
    assert.equal(await store.countRuns({}), 0, 'the store answers again once the outage is over');
  } finally {
    await store.close();
    await database.drop();
  }
});
