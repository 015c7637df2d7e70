import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { startChildWorker as startWorker } from '../support/child-worker.ts';
import { setTimeout as sleep } from 'node:timers/promises';
import { systemClock } from '../../src/core/clock.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { applyDefinitions } from '../../src/application/apply-definitions.ts';
import { invokeWorkflow } from '../../src/application/run-admin.ts';
import { parseDocuments } from '../../src/definition/parse-documents.ts';
import { readConfig } from '../../src/system/config.ts';
import { TollgateSystem } from '../../src/system/tollgate-system.ts';
import { startCountingServer } from '../support/counting-server.ts';
import { createTestDatabase } from '../support/test-database.ts';
import { twoCallsWorkflow } from '../support/two-calls-workflow.ts';

const RUNS = 200;


test('a worker killed mid-flight loses no run and calls each step with one idempotency key', async () => {
  const database = await createTestDatabase();
  let worker: ChildProcess | undefined;
  let firstWorker: ChildProcess | undefined;
  // The first worker is killed as the (RUNS/2)th call arrives, not after a wait: the kill lands mid-flight however fast the machine is.
  const counter = await startCountingServer({ delayMs: 15, onRequest: (count) => void (count >= RUNS / 2 && firstWorker?.kill('SIGKILL')) });
  const config = { ...readConfig({}), databaseUrl: database.databaseUrl, dataDir: database.dataDir, sqliteFile: database.sqliteFile };
  const system = await TollgateSystem.open({ config, logger: silentLogger, clock: systemClock });
  const env = {
    ...process.env,
    TOLLGATE_DATA: database.dataDir,
    DATABASE_URL: database.databaseUrl ?? '',
    TEST_LEASE_MS: '1500',
  };
  try {
    await applyDefinitions(system.app, parseDocuments(twoCallsWorkflow(counter.url)));
    const runIds: string[] = [];
    for (let i = 0; i < RUNS; i += 1) runIds.push((await invokeWorkflow(system.app, { workflowId: 'two-calls', input: {} })).id);

    firstWorker = await startWorker(env);
    worker = firstWorker;
    const exited = new Promise((resolve) => firstWorker?.once('exit', resolve));
    if (counter.requests.length >= RUNS / 2) firstWorker.kill('SIGKILL');
    await exited;
    const seenAtKill = counter.requests.length;
    assert.ok(seenAtKill < RUNS * 2, 'the worker was killed before it finished');

    worker = await startWorker(env);
    const deadline = Date.now() + 120_000;
    while ((await system.store.countRuns({ workflowId: 'two-calls', status: 'succeeded' })) < RUNS && Date.now() < deadline) await sleep(100);

    assert.equal(await system.store.countRuns({ workflowId: 'two-calls', status: 'succeeded' }), RUNS, 'every run finished');
    assert.equal(await system.store.countRuns({ workflowId: 'two-calls' }), RUNS, 'no run lost or duplicated');
    const keysByStep = new Map<string, Set<string>>();
    for (const request of counter.requests) {
      const run = (JSON.parse(request.body) as { run: string }).run;
      const step = `${run}${request.path}`;
      const keys = keysByStep.get(step) ?? new Set();
      keys.add(request.idempotencyKey ?? 'missing');
      keysByStep.set(step, keys);
    }
    assert.equal(keysByStep.size, RUNS * 2, 'every (run, step) reached the server');
    for (const runId of runIds) {
      for (const step of ['first', 'second']) {
        assert.deepEqual([...(keysByStep.get(`${runId}/${step}`) ?? [])], [`tg:${runId}:${step}`]);
      }
    }
    const repeats = counter.requests.length - RUNS * 2;
    console.log(`worker killed after ${seenAtKill} calls; ${repeats} call(s) repeated after the restart, each with its original key`);
  } finally {
    worker?.kill('SIGKILL');
    await system.close();
    await counter.close();
    await database.drop();
  }
});
