// Item 5 of issue 7 (the lease part): a step whose worker dies while running
// it (an expression that exhausts memory, an abort, kill -9) comes back each
// time its lease runs out. After 3 such expiries without a commit it is not
// run again: it fails with step_crashed_worker and goes to on_error. A slow
// step whose lease its worker keeps extending is not counted.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { invokeWorkflow } from '../../src/application/run-admin.ts';
import { ManualClock } from '../../src/core/clock.ts';
import type { Operation } from '../../src/engine/operation.ts';
import { inspectDatabase } from '../../src/store/inspect.ts';
import { createTestSystem, type TestSystem } from '../support/test-system.ts';

const LEASE_MS = 1000;

/** An operation that waits until the test opens its gate; counts its calls. */
function gateOperation() {
  let open: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const calls: string[] = [];
  const operation: Operation = {
    spec: { name: 'test.gate', description: 'waits for the test', connectorType: null, params: {} },
    async execute(_input, context) {
      calls.push(context.stepPath);
      await gate;
      return { done: true };
    },
  };
  return { operation, calls, open: () => open() };
}

const workflow = (id: string) => `
kind: Workflow
id: ${id}
trigger: { type: manual }
steps:
  - id: risky
    type: action
    uses: test.gate
    on_error: handled
  - id: done
    type: end
    outcome: Done
  - id: handled
    type: set
    values: { code: "{{ error.code }}", message: "{{ error.message }}" }
  - id: handled_end
    type: end
    outcome: Handled
`;

async function waitFor(what: string, condition: () => Promise<boolean> | boolean): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

void describe('a step that keeps killing its worker', () => {
  const clock = new ManualClock();
  const gate = gateOperation();
  let t: TestSystem;
  before(async () => {
    t = await createTestSystem({ clock, operations: [gate.operation], worker: { leaseMs: LEASE_MS } });
    await t.apply(workflow('crashy'));
    await t.apply(workflow('slow'));
  });
  after(async () => {
    gate.open();
    await t.close();
  });

  function leaseOf(runId: string) {
    return inspectDatabase(t.system.store).selectFrom('work_items').select(['lease_owner', 'lease_until', 'lease_expiries']).where('run_id', '=', runId).where('step_path', '=', 'risky').executeTakeFirst();
  }

  void it('fails with step_crashed_worker after 3 lease expiries, and goes to on_error without running the step again', async () => {
    await t.system.worker.stop();
    const run = await invokeWorkflow(t.system.app, { workflowId: 'crashy', input: {} });
    // Three workers claim the step and die in it: none commits, each lease runs out.
    for (let crash = 0; crash < 3; crash += 1) {
      const claimed = await t.system.store.claimWork({ owner: `worker-${crash}`, limit: 10, leaseMs: LEASE_MS, now: clock.now() });
      assert.deepEqual(claimed.work.map((work) => [work.stepPath, work.leaseExpiries]), [['risky', crash]], `claim ${crash + 1} counts the expiries before it`);
      clock.advance(LEASE_MS + 1);
    }
    await t.system.worker.start();
    const finished = await t.waitForRun(run.id);
    assert.equal(finished.status, 'succeeded', JSON.stringify(finished.error));
    assert.equal(finished.outcome, 'Handled', 'the on_error path ran');
    assert.equal(finished.variables.code, 'step_crashed_worker');
    assert.match(String(finished.variables.message), /step "risky"/);
    assert.deepEqual(gate.calls, [], 'the step was not run a fourth time');
    const [attempt] = (await t.system.store.listAttempts(run.id)).filter((row) => row.stepPath === 'risky');
    assert.equal(attempt?.status, 'failed');
    assert.equal(attempt?.error?.code, 'step_crashed_worker');
  });

  void it('does not count a slow step whose lease its worker extends', async () => {
    const run = await invokeWorkflow(t.system.app, { workflowId: 'slow', input: {} });
    t.system.worker.wake();
    await waitFor('the step runs', () => gate.calls.length === 1);
    const first = await leaseOf(run.id);
    assert.ok(first?.lease_owner, 'the step is leased');
    // Four times less than a lease apart: 2.4 lease-lengths in all, each time the worker extends its lease.
    for (let round = 0; round < 4; round += 1) {
      clock.advance(LEASE_MS * 0.6);
      await waitFor('the worker extends the lease', async () => Number((await leaseOf(run.id))?.lease_until) > clock.now().getTime() + LEASE_MS * 0.5);
      assert.deepEqual((await t.system.store.claimWork({ owner: 'another-worker', limit: 10, leaseMs: LEASE_MS, now: clock.now() })).work, [], 'no other worker can take it');
    }
    const extended = await leaseOf(run.id);
    assert.equal(extended?.lease_owner, first.lease_owner, 'still the same worker');
    assert.equal(extended?.lease_expiries, 0, 'no lease expiry was counted');
    gate.open();
    const finished = await t.waitForRun(run.id);
    assert.equal(finished.status, 'succeeded');
    assert.equal(finished.outcome, 'Done');
    assert.deepEqual(gate.calls, ['risky'], 'it ran once');
  });
});
