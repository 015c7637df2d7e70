// A query on an open connection to a PostgreSQL that stops answering (a stopped server, a frozen VM, a network
// path that drops packets) fails after the query timeout (TOLLGATE_DATABASE_QUERY_TIMEOUT) with
// database_query_timeout, naming the host and the setting, and its connection is closed: the pool never hands it
// out again, and the same store answers once the database does. A worker takes it as an outage: a step commit
// whose answer never came, although it committed, is not applied twice, and no call is made twice. A worker's
// LISTEN connection, which only waits, is checked as often, and made again when the server answers again.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { StoreUnavailableError } from '../../src/core/errors.ts';
import { inspectDatabase } from '../../src/store/inspect.ts';
import { openStore } from '../../src/store/open-store.ts';
import { openPostgres } from '../../src/store/postgres/postgres-database.ts';
import { assertCommitFaultRunsOnce, suiteProxiedPostgres } from '../support/proxied-postgres.ts';
import { testDialect } from '../support/test-database.ts';

const onPostgres = { skip: testDialect() === 'sqlite' ? 'SQLite has no connection to lose' : false, timeout: 120_000 };
/**
 * Short for the test, yet long enough that no query a loaded machine merely delays meets it: only the
 * proxy's hold makes a query wait this long.
 */
const QUERY_TIMEOUT_MS = 5000;

const postgres = suiteProxiedPostgres();

function isQueryTimeout(error: unknown): boolean {
  assert.ok(error instanceof StoreUnavailableError, `failed with ${String(error)}`);
  assert.equal(error.code, 'database_query_timeout');
  assert.match(error.message, new RegExp(`127\\.0\\.0\\.1:${postgres.proxy.port} did not answer a query within 5 s \\(TOLLGATE_DATABASE_QUERY_TIMEOUT\\)`));
  assert.doesNotMatch(error.message, /hunter2/);
  return true;
}

test('a query the server never answers fails with database_query_timeout, and the pool answers again once it does', onPostgres, async () => {
  const proxy = postgres.proxy;
  // One connection in the pool: were the one that timed out handed out again, the next query would wait behind its dead one.
  const store = await openStore({ databaseUrl: postgres.url(), sqliteFile: '', poolSize: 1, queryTimeoutMs: QUERY_TIMEOUT_MS });
  try {
    assert.equal(await store.countRuns({}), 0);
    proxy.freeze();
    await assert.rejects(store.countRuns({}), isQueryTimeout);
    proxy.thaw();
    assert.equal(await store.countRuns({}), 0, 'the same store answers once the server does');
    // In a transaction: the ROLLBACK that follows on the closed connection does not hide why it failed.
    const frozen = proxy;
    const transaction = inspectDatabase(store)
      .transaction()
      .execute(async (trx) => {
        await sql`select 1`.execute(trx);
        frozen.freeze();
        await sql`select 2`.execute(trx);
      });
    await assert.rejects(transaction, isQueryTimeout);
    proxy.thaw();
    assert.equal(await store.countRuns({}), 0);
  } finally {
    proxy.thaw();
    await store.close();
  }
});

test('a step commit that committed but whose answer never came is not applied twice, and no call is made twice', onPostgres, async () => {
  // The commit that journals the first call reaches PostgreSQL and commits, and its answer is withheld. The
  // worker's commit times out, and is retried on a new connection. A lease over twice the query timeout, as the
  // defaults have it: the second step, leased to the worker by the commit it never heard of, is claimed again
  // once the lease runs out.
  await assertCommitFaultRunsOnce(postgres, {
    arm: (proxy) => proxy.withholdAnswersAfter(/insert into "step_attempts"[\s\S]*commit/),
    queryTimeoutMs: QUERY_TIMEOUT_MS,
    leaseMs: 2 * QUERY_TIMEOUT_MS + 1000,
  });
});

test('a LISTEN connection whose server stops answering is found by its check, and made again once the server answers', onPostgres, async () => {
  const frozen = postgres.proxy;
  const database = openPostgres({ url: postgres.url(), queryTimeoutMs: QUERY_TIMEOUT_MS, connectTimeoutMs: QUERY_TIMEOUT_MS });
  let isLost = (_error: unknown): void => undefined;
  const lost = new Promise<unknown>((resolve) => (isLost = resolve));
  let isBack = (): void => undefined;
  const back = new Promise<void>((resolve) => (isBack = resolve));
  let woken = (): void => undefined;
  const stop = await database.listenForWork({ work: () => woken(), lost: (error) => isLost(error), back: () => isBack() });
  try {
    // Nothing is sent on a listening connection: only its check can find that the server went silent.
    frozen.freeze();
    const error = await lost;
    assert.ok(error instanceof Error);
    assert.match(error.message, /did not answer a query within 5 s \(TOLLGATE_DATABASE_QUERY_TIMEOUT\)/);
    frozen.thaw();
    await back;
    const wakeUp = new Promise<void>((resolve) => (woken = resolve));
    await database.transaction((trx) => database.notifyWork(trx));
    await wakeUp;
  } finally {
    frozen.thaw();
    await stop();
    await database.close();
  }
});
