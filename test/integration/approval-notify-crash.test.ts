// A worker killed (SIGKILL) after its approval step opened the task and before
// it emailed the approvers: the next worker runs the step again, finds the task
// open, and sends the email then, once. Without it the task would wait in an
// inbox nobody was told to look at.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { applyDefinitions } from '../../src/application/apply-definitions.ts';
import { invokeWorkflow } from '../../src/application/run-admin.ts';
import { systemClock } from '../../src/core/clock.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { parseDocuments } from '../../src/definition/parse-documents.ts';
import { readConfig } from '../../src/system/config.ts';
import { TollgateSystem } from '../../src/system/tollgate-system.ts';
import { killChild, startChildWorker } from '../support/child-worker.ts';
import { pollUntil } from '../support/poll-until.ts';
import { SIGN_OFF_WORKFLOW } from '../support/sign-off-workflow.ts';
import { createTestDatabase } from '../support/test-database.ts';

test('a worker killed between opening a task and emailing its approvers: the next worker emails them, once', async () => {
  const database = await createTestDatabase();
  const config = { ...readConfig({}), databaseUrl: database.databaseUrl, dataDir: database.dataDir, sqliteFile: database.sqliteFile };
  const system = await TollgateSystem.open({ config, logger: silentLogger, clock: systemClock });
  const env = { ...process.env, TOLLGATE_DATA: database.dataDir, DATABASE_URL: database.databaseUrl ?? '', TEST_LEASE_MS: '1000' };
  let worker: ChildProcess | undefined;
  try {
    await applyDefinitions(
      system.app,
      parseDocuments(SIGN_OFF_WORKFLOW),
    );
    const run = await invokeWorkflow(system.app, { workflowId: 'approve', input: {} });
    const notices = async () => (await system.app.outbox.list({ runId: run.id })).items.map((mail) => mail.subject);

    // The first worker dies at the fault point; it may die before it says it is ready.
    const died = await startChildWorker({ ...env, TEST_CRASH_BEFORE_NOTIFY: 'sign_off' }).then(
      (child) => new Promise<NodeJS.Signals | null>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(child.signalCode) : child.once('exit', (_code, signal) => resolve(signal)))),
      () => 'SIGKILL' as const,
    );
    assert.equal(died, 'SIGKILL');
    assert.equal((await system.approvals.list({ runId: run.id, limit: 5 })).length, 1, 'the task was opened');
    assert.deepEqual(await notices(), [], 'nobody was emailed before the worker died');

    worker = await startChildWorker(env);
    const sent = await pollUntil(notices, (subjects) => subjects.length > 0, { what: 'the approvers emailed by the next worker' });
    assert.deepEqual(sent, ['Approval needed: Sign off']);
    const parked = await pollUntil(() => system.store.getRun(run.id), (current) => current?.status === 'waiting', { what: 'the run parked on its task' });
    assert.equal(parked?.status, 'waiting');
    assert.equal((await system.approvals.list({ runId: run.id, limit: 5 })).length, 1, 'the same task, not a second one');
    assert.deepEqual(await notices(), ['Approval needed: Sign off'], 'emailed once');
  } finally {
    if (worker) await killChild(worker);
    await system.close();
    await database.drop();
  }
});
