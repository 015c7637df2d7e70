// A run's end is one event (store/run-end/): whatever ends a run, its pending
// approval tasks are cancelled and a parent run waiting for it wakes.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cancelRun, invokeWorkflow } from '../../src/application/run-admin.ts';
import { pollUntil } from '../support/poll-until.ts';
import { createTestSystem, type TestSystem } from '../support/test-system.ts';

void describe('what follows from a run ending', () => {
  let t: TestSystem;
  before(async () => {
    t = await createTestSystem();
    await t.apply(`
kind: Team
id: finance
members: [{ email: fran@example.com }]
---
kind: Workflow
id: split
trigger: { type: manual }
steps:
  - id: both
    type: parallel
    branches:
      - steps:
          - { id: sign_off, type: approval, assignee: { team: finance }, on: { approved: fine, rejected: fine } }
          - { id: fine, type: set, values: { fine: true } }
      - steps:
          - { id: pause, type: wait, for: 1h }
          - { id: broken, type: end, status: failed, outcome: Broken }
---
kind: Workflow
id: child
trigger: { type: manual }
steps:
  - { id: pause, type: wait, for: 1h }
---
kind: Workflow
id: parent
trigger: { type: manual }
steps:
  - { id: call_child, type: workflow, workflow: child }
`);
  });
  after(() => t.close());

  void it('a run that fails cancels the approval task another branch still waits on', async () => {
    const run = await invokeWorkflow(t.system.app, { workflowId: 'split', input: {} });
    await pollUntil(() => t.system.approvals.list({ runId: run.id, limit: 5 }), (tasks) => tasks.length === 1, { what: 'the approval branch opened its task' });
    // The other branch sleeps for an hour: its time comes now, and it ends the run failed.
    await pollUntil(() => t.system.store.wakeTimers({ runId: run.id, now: t.clock.now(), by: null }), (woken) => woken.kind === 'woken', { what: 'the wait step asleep' });
    const ended = await t.waitForRun(run.id);
    assert.deepEqual([ended.status, ended.outcome], ['failed', 'Broken']);
    const tasks = await t.system.approvals.list({ runId: run.id, limit: 5 });
    assert.deepEqual(tasks.map((task) => task.status), ['cancelled'], 'nobody can approve for a run that ended');
  });

  void it('cancelling a child run wakes the parent step waiting for it, which fails', async () => {
    const parent = await invokeWorkflow(t.system.app, { workflowId: 'parent', input: {} });
    const children = await pollUntil(
      () => t.system.store.listRuns({ workflowId: 'child', limit: 5 }),
      ({ runs }) => runs.some((child) => child.parentRunId === parent.id && child.status === 'waiting'),
      { what: 'the child run asleep' },
    );
    const child = children.runs.find((candidate) => candidate.parentRunId === parent.id);
    assert.ok(child);
    await t.waitForRun(parent.id, { untilStatus: 'waiting' });
    await cancelRun(t.system.app, child.id);
    const ended = await t.waitForRun(parent.id);
    assert.equal(ended.status, 'failed');
    assert.equal(ended.error?.code, 'child_run_failed');
  });
});
