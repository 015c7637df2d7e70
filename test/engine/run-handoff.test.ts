// Issue 13: a run created in a process whose worker has room hands its first
// step to that worker: the work item is inserted already leased to it, and
// the worker runs it after the commit without a claim. A busy or stopped
// worker leaves the run in the queue (where backpressure sees it), and an
// item handed to a worker that died is claimed by another once its lease ends.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { invokeWorkflow } from '../../src/application/run-admin.ts';
import { ManualClock } from '../../src/core/clock.ts';
import type { Operation } from '../../src/engine/operation.ts';
import { inspectDatabase } from '../../src/store/inspect.ts';
import type { Claim } from '../../src/store/records.ts';
import { pollUntil } from '../support/poll-until.ts';
import { createTestSystem, type TestSystem } from '../support/test-system.ts';

const LEASE_MS = 60_000;

/** An operation that waits until the test opens the gate; records the runs it ran for. */
function gateOperation() {
  let open: () => void = () => undefined;
  let gate = new Promise<void>((resolve) => (open = resolve));
  const calls: string[] = [];
  const operation: Operation = {
    spec: { name: 'test.gate', description: 'waits for the test', connectorType: null, params: {} },
    async execute(_input, context) {
      calls.push(context.runId);
      await gate;
      return { done: true };
    },
  };
  return {
    operation,
    calls,
    open: () => open(),
    close: () => {
      gate = new Promise<void>((resolve) => (open = resolve));
    },
  };
}

const WORKFLOW = `
kind: Workflow
id: gated
trigger: { type: manual }
steps:
  - id: wait_for_gate
    type: action
    uses: test.gate
  - id: done
    type: end
    outcome: Done
`;

const SCHEDULED = `
kind: Workflow
id: hourly
trigger: { type: schedule, cron: "0 * * * *", timezone: UTC }
steps:
  - { id: note, type: set, values: { tick: "{{ schedule.tick }}" } }
`;

void describe('a new run handed to the local worker', () => {
  const clock = new ManualClock();
  const gate = gateOperation();
  const claimedRuns: string[] = [];
  let t: TestSystem;

  before(async () => {
    t = await createTestSystem({ clock, operations: [gate.operation], worker: { concurrency: 2, leaseMs: LEASE_MS } });
    await t.apply(WORKFLOW);
    // Every run a claim took, to tell the handed ones from the claimed.
    const store = t.system.store;
    const claimWork = store.claimWork.bind(store);
    store.claimWork = async (input): Promise<Claim> => {
      const claimed = await claimWork(input);
      claimedRuns.push(...claimed.work.map((work) => work.run.id));
      return claimed;
    };
  });
  after(async () => {
    gate.open();
    await t.close();
  });

  const itemOf = (runId: string) =>
    inspectDatabase(t.system.store).selectFrom('work_items').select(['lease_owner', 'lease_until', 'lease_expiries']).where('run_id', '=', runId).executeTakeFirst();

  void it('inserts its first step leased to the worker, which runs it without a claim', async () => {
    gate.close();
    const run = await invokeWorkflow(t.system.app, { workflowId: 'gated', input: {} });
    const item = await itemOf(run.id);
    assert.equal(item?.lease_owner, t.system.worker.owner, 'the item was inserted leased to this worker');
    assert.equal(Number(item?.lease_until), clock.now().getTime() + LEASE_MS);
    await pollUntil(() => Promise.resolve(gate.calls), (calls) => calls.includes(run.id), { what: 'the step runs', intervalMs: 5 });
    gate.open();
    const finished = await t.waitForRun(run.id);
    assert.equal(finished.outcome, 'Done');
    assert.equal(claimedRuns.includes(run.id), false, 'no claim took the run');
  });

  void it('takes a scheduled run without a claim too', async () => {
    await t.apply(SCHEDULED);
    const [schedule] = await t.system.store.listSchedules();
    assert.ok(schedule, 'the schedule is stored');
    clock.set(schedule.nextAt);
    assert.equal(await t.system.schedules.fireDue(), 1);
    const { runs } = await t.system.store.listRuns({ workflowId: 'hourly', limit: 10 });
    const run = runs[0];
    assert.ok(run, 'the tick started a run');
    assert.equal((await t.waitForRun(run.id)).status, 'succeeded');
    assert.equal(claimedRuns.includes(run.id), false, 'no claim took the run');
  });

  void it('offers no more leases than the worker has free slots, and none once stopped', async () => {
    await t.system.worker.idle();
    const offer = t.system.worker.offerLeases(5);
    assert.equal(offer?.count, 2, 'two slots free');
    assert.equal(t.system.worker.offerLeases(1), undefined, 'the offered slots are held');
    if (offer) t.system.worker.runLeased(offer, []);
    const again = t.system.worker.offerLeases(1);
    assert.equal(again?.count, 1, 'an offer given back frees its slots');
    if (again) t.system.worker.runLeased(again, []);
    await t.system.worker.stop();
    assert.equal(t.system.worker.offerLeases(1), undefined, 'a stopped worker takes nothing');
    await t.system.worker.start();
  });

  void it('leaves a run in the queue when the worker is busy, where the backlog counts it', async () => {
    gate.close();
    const busy = [await invokeWorkflow(t.system.app, { workflowId: 'gated', input: {} }), await invokeWorkflow(t.system.app, { workflowId: 'gated', input: {} })];
    await pollUntil(() => Promise.resolve(gate.calls), (calls) => busy.every((run) => calls.includes(run.id)), { what: 'both steps run', intervalMs: 5 });
    const queued = await invokeWorkflow(t.system.app, { workflowId: 'gated', input: {} });
    assert.equal((await itemOf(queued.id))?.lease_owner, null, 'not leased: the worker had no room');
    const backlog = await t.system.backlog.read({ fresh: true });
    assert.equal(backlog.depth, 1, 'the queued run is the backlog; the handed ones are the worker’s');
    gate.open();
    for (const run of [...busy, queued]) assert.equal((await t.waitForRun(run.id)).outcome, 'Done');
    assert.ok(claimedRuns.includes(queued.id), 'the queued run was claimed');
  });

  void it('is claimed by another worker when the worker it was handed to died', async () => {
    await t.system.worker.stop();
    const now = clock.now();
    const {
      leased: [handed],
    } = await t.system.store.createRuns([
      { id: `run_handoff_dead_${now.getTime()}`, workflowId: 'gated', version: 1, variables: {}, trigger: { type: 'manual' }, firstStep: 'wait_for_gate', createdAt: now, lease: { owner: 'dead-worker', until: new Date(now.getTime() + LEASE_MS) } },
    ]);
    assert.equal(handed?.run.status, 'running', 'the store hands back the leased first step with its run');
    assert.deepEqual(
      await t.system.store.claimWork({ owner: 'another-worker', limit: 10, leaseMs: LEASE_MS, now }),
      { work: [], nextDueAt: new Date(now.getTime() + LEASE_MS) },
      'the lease holds while it lasts, and the look says when it ends',
    );
    clock.advance(LEASE_MS + 1);
    const claimed = await t.system.store.claimWork({ owner: 'another-worker', limit: 10, leaseMs: LEASE_MS, now: clock.now() });
    assert.deepEqual(
      claimed.work.map((work) => [work.run.id, work.stepPath, work.leaseExpiries]),
      [[handed?.run.id, 'wait_for_gate', 1]],
      'claimed once the lease ran out, counted as an expiry',
    );
    await t.system.worker.start();
  });
});
