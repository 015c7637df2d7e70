// A worker hears other processes' wake-ups over one LISTEN connection. When that connection is lost (here its
// backend is terminated, as an administrator, a restart or a failover would), the worker makes it again and
// hears them again: with a poll of ten minutes, only a wake-up has it take new work within the test's two.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import pg from 'pg';
import { invokeWorkflow } from '../../src/application/run-admin.ts';
import { silentLogger, type Logger } from '../../src/core/logger.ts';
import { openPostgres } from '../../src/store/postgres/postgres-database.ts';
import { readConfig } from '../../src/system/config.ts';
import { TollgateSystem } from '../../src/system/tollgate-system.ts';
import { pollUntil } from '../support/poll-until.ts';
import { QUICK_WORKFLOW } from '../support/run-control-workflows.ts';
import { createTestDatabase, testDialect } from '../support/test-database.ts';
import { createTestSystem } from '../support/test-system.ts';

const onPostgres = { skip: testDialect() === 'sqlite' ? 'LISTEN/NOTIFY is PostgreSQL\'s (SQLite wakes in-process)' : false };

/** Runs `query` on a connection of its own to the database at `url` and returns its rows. */
async function asAdmin<R extends pg.QueryResultRow>(url: string, query: string): Promise<R[]> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    return (await admin.query<R>(query)).rows;
  } finally {
    await admin.end();
  }
}

const LISTEN_BACKENDS = `FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%' AND pid <> pg_backend_pid()`;

/** Terminates the database's LISTEN backends, once there is one; returns how many. */
async function terminateListeners(url: string): Promise<number> {
  const terminated = await pollUntil(() => asAdmin(url, `SELECT pg_terminate_backend(pid) ${LISTEN_BACKENDS}`), (rows) => rows.length > 0, { what: 'a LISTEN backend' });
  return terminated.length;
}

async function listeningBackends(url: string): Promise<number> {
  return (await asAdmin(url, `SELECT pid ${LISTEN_BACKENDS}`)).length;
}

test('a worker whose LISTEN connection was terminated listens again, and takes work another process wrote without waiting for its poll', onPostgres, async () => {
  const logged: [level: string, message: string][] = [];
  let isBack = (): void => undefined;
  const back = new Promise<void>((resolve) => (isBack = resolve));
  const logger: Logger = {
    debug: () => undefined,
    info: (_details, message = '') => {
      logged.push(['info', message]);
      if (message.includes('wake-ups from other processes are back')) isBack();
    },
    warn: (_details, message = '') => logged.push(['warn', message]),
    error: (_details, message = '') => logged.push(['error', message]),
  };
  const t = await createTestSystem({ worker: { pollMs: 600_000 }, logger });
  try {
    await t.apply(QUICK_WORKFLOW);
    const url = t.database.databaseUrl;
    assert.ok(url);
    assert.equal(await terminateListeners(url), 1, 'the worker listens on one connection');
    await back;
    // Another process (a `tollgate serve` without a worker) starts a run: its wake-up is all that can bring the worker before its poll.
    const other = await TollgateSystem.open({ config: { ...readConfig({}), databaseUrl: url, dataDir: t.database.dataDir, sqliteFile: t.database.sqliteFile, auth: 'off' }, logger: silentLogger });
    try {
      const run = await invokeWorkflow(other.app, { workflowId: 'quick', input: {} });
      const finished = await t.waitForRun(run.id, { timeoutMs: 120_000 });
      assert.equal(finished.status, 'succeeded');
    } finally {
      await other.close();
    }
    const aboutWakeUps = logged.filter(([, message]) => message.includes('wake-ups from other processes'));
    assert.deepEqual(
      aboutWakeUps.map(([level]) => level),
      ['warn', 'info'],
      'the loss logged once, and the return once',
    );
    assert.equal(await listeningBackends(url), 1);
  } finally {
    await t.close();
  }
});

test('a listener stopped while its connection is lost does not make it again', onPostgres, async () => {
  const database = await createTestDatabase();
  assert.ok(database.databaseUrl);
  const postgres = openPostgres({ url: database.databaseUrl });
  try {
    let isLost = (): void => undefined;
    const lost = new Promise<void>((resolve) => (isLost = resolve));
    let backs = 0;
    const stop = await postgres.listenForWork({ work: () => undefined, lost: () => isLost(), back: () => (backs += 1) });
    await terminateListeners(database.databaseUrl);
    await lost;
    await stop();
    // stop() ended any try under way and the tries after it: nothing listens, and nothing came back.
    assert.equal(await listeningBackends(database.databaseUrl), 0);
    assert.equal(backs, 0);
  } finally {
    await postgres.close();
    await database.drop();
  }
});
