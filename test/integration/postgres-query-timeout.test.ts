// A query on an open connection to a PostgreSQL that stops answering (a stopped server, a frozen VM, a network
// path that drops packets) fails after the query timeout (TOLLGATE_DATABASE_QUERY_TIMEOUT) with
// database_query_timeout, naming the host and the setting, and its connection is closed: the pool never hands it
// out again, and the same store answers once the database does. A worker takes it as an outage: a step commit
// whose answer never came, although it committed, is not applied twice, and no call is made twice. A worker's
// LISTEN connection, which only waits, is checked as often, and made again when the server answers again.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { applyDefinitions } from '../../src/application/apply-definitions.ts';
import { invokeWorkflow } from '../../src/application/run-admin.ts';
import { StoreUnavailableError } from '../../src/core/errors.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { parseDocuments } from '../../src/definition/parse-documents.ts';
import { inspectDatabase } from '../../src/store/inspect.ts';
import { openStore } from '../../src/store/open-store.ts';
import { openPostgres } from '../../src/store/postgres/postgres-database.ts';
import { readConfig } from '../../src/system/config.ts';
import { TollgateSystem } from '../../src/system/tollgate-system.ts';
import { startCountingServer } from '../support/counting-server.ts';
import { FreezableProxy } from '../support/freezable-proxy.ts';
import { createTestDatabase, testDialect, type TestDatabase } from '../support/test-database.ts';
import { twoCallsWorkflow } from '../support/two-calls-workflow.ts';
import { waitForRun } from '../support/wait-for-run.ts';

const onPostgres = { skip: testDialect() === 'sqlite' ? 'SQLite has no connection to lose' : false, timeout: 120_000 };
/**
 * Short for the test, yet long enough that no query a loaded machine merely delays meets it: only the
 * proxy's hold makes a query wait this long.
 */
const QUERY_TIMEOUT_MS = 5000;

let database: TestDatabase | undefined;
let proxy: FreezableProxy | undefined;
before(async () => {
  if (testDialect() !== 'postgres') return;
  database = await createTestDatabase();
  proxy = await FreezableProxy.start(database.databaseUrl ?? '');
});
after(async () => {
  await proxy?.close();
  await database?.drop();
});

/** The test database's URL through the proxy, with a password to be masked. */
function proxiedUrl(): string {
  assert.ok(database?.databaseUrl && proxy);
  const url = new URL(proxy.urlFor(database.databaseUrl));
  url.password = 'hunter2';
  return url.toString();
}

function isQueryTimeout(error: unknown): boolean {
  assert.ok(error instanceof StoreUnavailableError, `failed with ${String(error)}`);
  assert.equal(error.code, 'database_query_timeout');
  assert.match(error.message, new RegExp(`127\\.0\\.0\\.1:${proxy?.port} did not answer a query within 5 s \\(TOLLGATE_DATABASE_QUERY_TIMEOUT\\)`));
  assert.doesNotMatch(error.message, /hunter2/);
  return true;
}

test('a query the server never answers fails with database_query_timeout, and the pool answers again once it does', onPostgres, async () => {
  assert.ok(proxy);
  // One connection in the pool: were the one that timed out handed out again, the next query would wait behind its dead one.
  const store = await openStore({ databaseUrl: proxiedUrl(), sqliteFile: '', poolSize: 1, queryTimeoutMs: QUERY_TIMEOUT_MS });
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
  assert.ok(proxy && database);
  const armed = proxy;
  // As the first call arrives, the proxy is armed: the commit that journals its step reaches PostgreSQL and
  // commits, and its answer is withheld. The worker's commit times out, and is retried on a new connection.
  const counter = await startCountingServer({ onRequest: (count) => count === 1 && armed.withholdAnswersAfter(/insert into "step_attempts"[\s\S]*commit/) });
  const config = { ...readConfig({}), databaseUrl: proxiedUrl(), databaseQueryTimeoutMs: QUERY_TIMEOUT_MS, dataDir: database.dataDir, auth: 'off' as const, outboundAllow: 'loopback' };
  // A lease over twice the query timeout, as the defaults have it: the second step, leased to the worker by the
  // commit it never heard of, is claimed again once the lease runs out.
  const system = await TollgateSystem.open({ config, logger: silentLogger, worker: { pollMs: 20, leaseMs: 2 * QUERY_TIMEOUT_MS + 1000 } });
  try {
    await system.startWorker();
    await applyDefinitions(system.app, parseDocuments(twoCallsWorkflow(counter.url)));
    const run = await invokeWorkflow(system.app, { workflowId: 'two-calls', input: {} });
    const finished = await waitForRun(system.store, run.id, { timeoutMs: 100_000 });
    assert.equal(finished.status, 'succeeded', JSON.stringify(finished.error));
    assert.equal(armed.armed, undefined, 'the commit was withheld');
    assert.ok(system.worker.counts().commitFailures >= 1, 'the worker met the timeout as an outage');
    assert.deepEqual(counter.requests.map((request) => request.path), ['/first', '/second'], 'each call made once');
    const attempts = await system.store.listAttempts(run.id);
    assert.deepEqual(attempts.map((attempt) => [attempt.stepPath, attempt.attempt, attempt.status]), [
      ['first', 1, 'succeeded'],
      ['second', 1, 'succeeded'],
    ]);
  } finally {
    await system.close();
    await counter.close();
  }
});

test('a LISTEN connection whose server stops answering is found by its check, and made again once the server answers', onPostgres, async () => {
  assert.ok(proxy);
  const frozen = proxy;
  const postgres = openPostgres({ url: proxiedUrl(), queryTimeoutMs: QUERY_TIMEOUT_MS, connectTimeoutMs: QUERY_TIMEOUT_MS });
  let isLost = (_error: unknown): void => undefined;
  const lost = new Promise<unknown>((resolve) => (isLost = resolve));
  let isBack = (): void => undefined;
  const back = new Promise<void>((resolve) => (isBack = resolve));
  let woken = (): void => undefined;
  const stop = await postgres.listenForWork({ work: () => woken(), lost: (error) => isLost(error), back: () => isBack() });
  try {
    // Nothing is sent on a listening connection: only its check can find that the server went silent.
    frozen.freeze();
    const error = await lost;
    assert.ok(error instanceof Error);
    assert.match(error.message, /did not answer a query within 5 s \(TOLLGATE_DATABASE_QUERY_TIMEOUT\)/);
    frozen.thaw();
    await back;
    const wakeUp = new Promise<void>((resolve) => (woken = resolve));
    await postgres.transaction((trx) => postgres.notifyWork(trx));
    await wakeUp;
  } finally {
    frozen.thaw();
    await stop();
    await postgres.close();
  }
});
