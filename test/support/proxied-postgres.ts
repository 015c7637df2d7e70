// For PostgreSQL outage tests: a test database reached through a FreezableProxy, and a worker's step commit
// meeting what the proxy does to it.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { applyDefinitions } from '../../src/application/apply-definitions.ts';
import { invokeWorkflow } from '../../src/application/run-admin.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { parseDocuments } from '../../src/definition/parse-documents.ts';
import { readConfig } from '../../src/system/config.ts';
import { TollgateSystem } from '../../src/system/tollgate-system.ts';
import { startCountingServer } from './counting-server.ts';
import { FreezableProxy } from './freezable-proxy.ts';
import { createTestDatabase, testDialect, type TestDatabase } from './test-database.ts';
import { twoCallsWorkflow } from './two-calls-workflow.ts';
import { waitForRun } from './wait-for-run.ts';

export interface ProxiedPostgres {
  readonly proxy: FreezableProxy;
  readonly database: TestDatabase;
  /** The test database's URL through the proxy, with a password (`hunter2`) that messages must mask. */
  url(): string;
}

/**
 * For a file of PostgreSQL tests: a fresh database, and a proxy to its server, made before its tests and
 * dropped after (node:test hooks); on SQLite, neither, and the tests are to skip.
 */
export function suiteProxiedPostgres(): ProxiedPostgres {
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
  const opened = () => {
    if (database === undefined || proxy === undefined) throw new Error('suiteProxiedPostgres: the database and the proxy are made in the before hook, on PostgreSQL only');
    return { database, proxy };
  };
  return {
    get proxy() {
      return opened().proxy;
    },
    get database() {
      return opened().database;
    },
    url() {
      const current = opened();
      assert.ok(current.database.databaseUrl);
      const url = new URL(current.proxy.urlFor(current.database.databaseUrl));
      url.password = 'hunter2';
      return url.toString();
    },
  };
}

/**
 * Runs `two-calls` on a worker whose database is reached through the proxy, arming it (`arm`) as the first
 * call arrives, so that what it does meets the commit journalling that call. Checks that the fault was met,
 * that the worker took it as an outage, and that the run still succeeded with each call made once and each
 * step attempted once.
 */
export async function assertCommitFaultRunsOnce(postgres: ProxiedPostgres, options: { arm: (proxy: FreezableProxy) => void; queryTimeoutMs?: number; leaseMs: number }): Promise<void> {
  const { proxy, database } = postgres;
  const counter = await startCountingServer({ onRequest: (count) => count === 1 && options.arm(proxy) });
  const config = {
    ...readConfig({}),
    databaseUrl: postgres.url(),
    ...(options.queryTimeoutMs === undefined ? {} : { databaseQueryTimeoutMs: options.queryTimeoutMs }),
    dataDir: database.dataDir,
    auth: 'off' as const,
    outboundAllow: 'loopback',
  };
  const system = await TollgateSystem.open({ config, logger: silentLogger, worker: { pollMs: 20, leaseMs: options.leaseMs } });
  try {
    await system.startWorker();
    await applyDefinitions(system.app, parseDocuments(twoCallsWorkflow(counter.url)));
    const run = await invokeWorkflow(system.app, { workflowId: 'two-calls', input: {} });
    const finished = await waitForRun(system.store, run.id, { timeoutMs: 100_000 });
    assert.equal(finished.status, 'succeeded', JSON.stringify(finished.error));
    assert.equal(proxy.armed, undefined, 'the commit met the fault');
    assert.ok(system.worker.counts().commitFailures >= 1, 'the worker met the fault as an outage');
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
}
