// A connection to PostgreSQL lost while it is checked out of the pool, whether a query runs on it or a
// transaction waits between statements, does not end the process (pg reports it as the client's 'error' event:
// unheard, it would be thrown, and node:test fails a test on an uncaught exception): the statement fails as an
// outage (store_unavailable, which the engine retries), the loss is logged once, the connection is never handed
// out again, and the same store answers the next query on a new one. Lost as a firewall, a NAT or a load balancer
// that forgot the connection loses it (a TCP reset, no word from the server first), or as the server ends a session
// idle in its transaction (idle_in_transaction_session_timeout). A worker whose step commit meets the reset
// finishes the run, each call made once.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql, type Kysely } from 'kysely';
import { StoreUnavailableError } from '../../src/core/errors.ts';
import type { Logger } from '../../src/core/logger.ts';
import { inspectDatabase } from '../../src/store/inspect.ts';
import { openStore } from '../../src/store/open-store.ts';
import type { Database } from '../../src/store/database-schema.ts';
import { assertCommitFaultRunsOnce, suiteProxiedPostgres } from '../support/proxied-postgres.ts';
import { testDialect } from '../support/test-database.ts';

const onPostgres = { skip: testDialect() === 'sqlite' ? 'SQLite has no connection to lose' : false, timeout: 120_000 };

const postgres = suiteProxiedPostgres();

const LOST = /^a connection to PostgreSQL was lost; /;

/**
 * Runs `lose` on a store through the proxy with one connection in its pool (were the lost one handed out again,
 * the next query would fail): it must fail as an outage whose message matches `failure`. Then the same store
 * answers on a new connection, and the loss was logged once. `lose` gets the store's database, and a promise
 * kept when the loss is logged.
 */
async function assertLostThenBack(lose: (db: Kysely<Database>, lossLogged: Promise<void>) => Promise<unknown>, failure: RegExp): Promise<void> {
  const warnings: string[] = [];
  let logged = (): void => undefined;
  const lossLogged = new Promise<void>((resolve) => (logged = resolve));
  const logger: Logger = {
    debug: () => undefined,
    info: () => undefined,
    warn: (_details, message = '') => {
      warnings.push(message);
      logged();
    },
    error: () => undefined,
  };
  const store = await openStore({ databaseUrl: postgres.url(), sqliteFile: '', poolSize: 1, logger });
  try {
    assert.equal(await store.countRuns({}), 0);
    await assert.rejects(lose(inspectDatabase(store), lossLogged), (error) => {
      assert.ok(error instanceof StoreUnavailableError, `failed with ${String(error)}`);
      assert.equal(error.code, 'store_unavailable');
      assert.match(error.message, failure);
      return true;
    });
    assert.equal(await store.countRuns({}), 0, 'the same store answers on a new connection');
    assert.deepEqual(
      warnings.map((warning) => LOST.test(warning)),
      [true],
      'the loss logged once',
    );
  } finally {
    await store.close();
  }
}

const RESET = /^the connection to PostgreSQL failed: read ECONNRESET; the work is retried$/;

test('a connection reset while a query runs fails that query as an outage, and the same store answers the next on a new connection', onPostgres, async () => {
  await assertLostThenBack((db) => {
    postgres.proxy.resetAfter(/pg_sleep/);
    return sql`select pg_sleep(2)`.execute(db);
  }, RESET);
});

test('a connection reset while a transaction waits between statements fails its next statement as an outage, and the same store answers again', onPostgres, async () => {
  const proxy = postgres.proxy;
  // The statement after the loss, and the ROLLBACK after it, fail at once with the error that broke the connection.
  await assertLostThenBack(
    (db, lossLogged) =>
      db.transaction().execute(async (trx) => {
        await sql`select 1`.execute(trx);
        // No query runs on the connection when it is reset: pg reports it only as the client's 'error' event.
        proxy.reset();
        await lossLogged;
        await sql`select 2`.execute(trx);
      }),
    RESET,
  );
});

test('a session PostgreSQL ends while its transaction waits on Tollgate fails its next statement as an outage, and the same store answers again', onPostgres, async () => {
  await assertLostThenBack(
    (db, lossLogged) =>
      db.transaction().execute(async (trx) => {
        // The server ends the session once the transaction has waited on its client for 0.1 s: a FATAL no query carries.
        await sql`SET LOCAL idle_in_transaction_session_timeout = '100ms'`.execute(trx);
        await lossLogged;
        await sql`select 1`.execute(trx);
      }),
    /^the PostgreSQL database is unavailable \(25P03\): terminating connection due to idle-in-transaction timeout; the work is retried$/,
  );
});

test('a step commit whose connection is reset is retried, and the run finishes with each call made once', onPostgres, async () => {
  // Whether the COMMIT reached the server before the reset is up to the network: either way the run ends the
  // same. A lease long enough that no loaded machine lets one run out under a running step, yet short for the
  // test: a commit that committed unheard leased the second step to this worker, claimed again once it runs out.
  await assertCommitFaultRunsOnce(postgres, {
    arm: (proxy) => proxy.resetAfter(/insert into "step_attempts"[\s\S]*commit/),
    leaseMs: 10_000,
  });
});
