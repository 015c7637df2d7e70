// Item 5 of issue 7, with real crashes: a worker process dies (SIGKILL, from
// the engine.step.run fault point) every time it starts the same step. Each
// restart takes the step again once its lease runs out; after 3 expiries the
// step is not run again, fails with step_crashed_worker and goes to on_error,
// and the worker stays up.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { applyDefinitions } from '../../src/application/apply-definitions.ts';
import { invokeWorkflow } from '../../src/application/run-admin.ts';
import { systemClock } from '../../src/core/clock.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { isFinal } from '../../src/core/statuses.ts';
import { parseDocuments } from '../../src/definition/parse-documents.ts';
import { readConfig } from '../../src/system/config.ts';
import { TollgateSystem } from '../../src/system/tollgate-system.ts';
import { killChild, startChildWorker } from '../support/child-worker.ts';
import { startCountingServer } from '../support/counting-server.ts';
import { createTestDatabase } from '../support/test-database.ts';

test('a step that kills its worker every time fails with step_crashed_worker after 3 restarts, via on_error', async () => {
  const database = await createTestDatabase();
  const counter = await startCountingServer();
  const config = { ...readConfig({}), databaseUrl: database.databaseUrl, dataDir: database.dataDir, sqliteFile: database.sqliteFile };
  const system = await TollgateSystem.open({ config, logger: silentLogger, clock: systemClock });
  const env = { ...process.env, TOLLGATE_DATA: database.dataDir, DATABASE_URL: database.databaseUrl ?? '', TEST_LEASE_MS: '1000', TEST_CRASH_STEP: 'risky' };
  try {
    await applyDefinitions(
      system.app,
      parseDocuments(`
kind: Workflow
id: crash-loop
trigger: { type: manual }
steps:
  - id: risky
    type: action
    uses: http.request
    with: { method: POST, url: "${counter.url}/risky" }
    on_error: handled
  - { id: done, type: end, outcome: Done }
  - id: handled
    type: action
    uses: http.request
    with: { method: POST, url: "${counter.url}/handled", body: { code: "{{ error.code }}" } }
  - { id: handled_end, type: end, outcome: Handled }
`),
    );
    const run = await invokeWorkflow(system.app, { workflowId: 'crash-loop', input: {} });

    /** Starts a worker process and watches it until it dies or the run ends. */
    async function nextWorker(): Promise<'crashed' | 'finished'> {
      let child: ChildProcess;
      try {
        child = await startChildWorker(env);
      } catch {
        return 'crashed'; // it died in the step before it said it was ready
      }
      let signal: NodeJS.Signals | null | undefined;
      child.once('exit', (_code, exitSignal) => (signal = exitSignal));
      const deadline = Date.now() + 60_000;
      for (;;) {
        if (isFinal((await system.store.getRun(run.id))?.status ?? 'running')) {
          await killChild(child);
          return 'finished';
        }
        if (signal !== undefined) {
          assert.equal(signal, 'SIGKILL', 'the worker died in the step');
          return 'crashed';
        }
        if (Date.now() > deadline) {
          await killChild(child);
          throw new Error('the worker neither died nor finished the run in 60 s');
        }
        await sleep(20);
      }
    }

    let crashes = 0;
    while ((await nextWorker()) === 'crashed' && crashes < 6) crashes += 1;
    assert.equal(crashes, 3, 'three workers died in the step; the fourth did not run it');
    const finished = await system.store.getRun(run.id);
    assert.equal(finished?.status, 'succeeded', JSON.stringify(finished?.error));
    assert.equal(finished?.outcome, 'Handled');
    assert.deepEqual(
      counter.requests.map((request) => [request.path, request.body]),
      [['/handled', JSON.stringify({ code: 'step_crashed_worker' })]],
      'the on_error path saw step_crashed_worker; the crashing step never got as far as its call',
    );
  } finally {
    await system.close();
    await counter.close();
    await database.drop();
  }
});
