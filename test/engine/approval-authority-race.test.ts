import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { pollUntil } from '../support/poll-until.ts';
import { ManualClock } from '../../src/core/clock.ts';
import { invokeWorkflow } from '../../src/application/run-admin.ts';
import { decideApproval } from '../../src/approvals/decide-approval.ts';
import type { ApprovalStore } from '../../src/store/approval-store.ts';
import { createTestSystem, type TestSystem } from '../support/test-system.ts';

/** Two approval steps of one run open at the same time, both for the csm team. */
const definitions = `
kind: Team
id: csm
members: [{ email: casey@example.com }, { email: cora@example.com }, { email: cody@example.com }]
---
kind: Workflow
id: twin-review
trigger: { type: manual }
steps:
  - id: reviews
    type: parallel
    join: all
    branches:
      - steps:
          - { id: risk_review, type: approval, title: Risk review, assignee: { team: csm } }
      - steps:
          - { id: legal_review, type: approval, title: Legal review, assignee: { team: csm } }
  - { id: done, type: end, outcome: Reviewed }
`;

void describe('separation of duties holds when one person decides two steps of a run at once', () => {
  let t: TestSystem;
  let clock: ManualClock;
  const decide = (taskId: string, by: string, approvals: ApprovalStore = t.system.approvals) =>
    decideApproval({ approvals, store: t.system.store, clock, wakeWorker: () => t.system.worker.wake() }, { taskId, by, decision: 'approved' });
  const twinTasks = async () => {
    const runId = (await invokeWorkflow(t.system.app, { workflowId: 'twin-review', input: {} })).id;
    await t.waitForRun(runId, { untilStatus: 'waiting' });
    const tasks = await pollUntil(() => t.system.approvals.list({ runId, status: 'pending', limit: 5 }), (open) => open.length === 2, { what: 'the run opened both approval tasks' });
    return { runId, tasks };
  };

  before(async () => {
    clock = new ManualClock(new Date('2026-03-01T09:00:00Z'));
    t = await createTestSystem({ clock });
    await t.apply(definitions);
  });
  after(() => t.close());

  void it('two decisions at the same instant: exactly one is recorded, the other is separation_of_duties', async () => {
    const { runId, tasks } = await twinTasks();
    const results = await Promise.allSettled(tasks.map((task) => decide(task.id, 'casey@example.com')));
    assert.equal(results.filter((result) => result.status === 'fulfilled').length, 1, 'one decision is recorded');
    const refused = results.find((result) => result.status === 'rejected');
    assert.equal((refused?.reason as { code?: string } | undefined)?.code, 'separation_of_duties');
    const decisions = await t.system.approvals.runDecisions([runId]);
    assert.deepEqual(decisions.map((decision) => decision.by), ['casey@example.com']);
  });

  void it('a decision checked against a stale view of the run is still refused inside its transaction', async () => {
    const { tasks } = await twinTasks();
    const [first, second] = tasks;
    assert.ok(first && second);
    await decide(first.id, 'casey@example.com');
    // What the check before the transaction read while the other decision was not yet committed.
    const stale = new Proxy(t.system.approvals, {
      get(target, key) {
        if (key === 'runDecisions') return () => Promise.resolve([]);
        const value: unknown = Reflect.get(target, key);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
    await assert.rejects(decide(second.id, 'casey@example.com', stale), (error: { code: string; message: string }) => {
      assert.equal(error.code, 'separation_of_duties');
      assert.match(error.message, /casey@example.com already decided/);
      return true;
    });
    await decide(second.id, 'cora@example.com');
  });
});
