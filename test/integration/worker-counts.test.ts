// What a worker counts for its /metrics (engine/worker.ts counts(), system/worker-metrics.ts): the items it
// claimed, and among them those whose earlier lease ran out without a result, as after a worker crashed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { invokeWorkflow } from '../../src/application/run-admin.ts';
import { createTestSystem } from '../support/test-system.ts';

const WORKFLOW = `
kind: Workflow
id: note
trigger: { type: manual }
steps:
  - { id: note, type: set, values: { noted: true } }
  - { id: done, type: end, outcome: Noted }
`;

test('a step taken over after a lease ran out is counted as a lease expiry, and every claim as a claim', async () => {
  // The system's clock, moved on past the dead worker's lease instead of waiting it out.
  let ahead = 0;
  const tollgate = await createTestSystem({ clock: { now: () => new Date(Date.now() + ahead) } });
  const { system } = tollgate;
  try {
    await tollgate.apply(WORKFLOW);
    await system.worker.stop();
    const run = await invokeWorkflow(system.app, { workflowId: 'note', input: {} });
    // A worker claims the first step and dies; a minute on, its lease has run out.
    const lost = await system.store.claimWork({ owner: 'crashed-worker', limit: 10, leaseMs: 1000, now: tollgate.clock.now() });
    assert.equal(lost.work.length, 1);
    ahead = 60_000;

    await system.worker.start();
    assert.equal((await tollgate.waitForRun(run.id)).status, 'succeeded');
    const counts = system.worker.counts();
    assert.equal(counts.claimedAfterLeaseExpiry, 1);
    assert.ok(counts.claimed >= 1, `claimed ${counts.claimed}`);
    assert.equal(counts.inFlight, 0);
    assert.deepEqual([counts.claimFailures, counts.commitFailures], [0, 0]);

    const text = (await system.app.metrics.render()).text;
    assert.match(text, /^tollgate_worker_lease_expiries_total 1$/m);
    assert.match(text, new RegExp(`^tollgate_worker_claimed_total ${counts.claimed}$`, 'm'));
    assert.match(text, /^tollgate_worker_steps_in_flight 0$/m);
    assert.equal((await system.app.metrics.render()).text.match(/^tollgate_worker_lease_expiries_total 1$/m)?.length, 1, 'a second scrape counts nothing twice');
  } finally {
    await tollgate.close();
  }
});
