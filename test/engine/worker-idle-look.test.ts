// An idle worker looks at the queue with one statement: the look (claimWork) says when the next item is due,
// so the worker does not ask the store again (nextDueAt) before it sleeps. With several workers woken for the
// same new work, each one that finds it taken pays one statement, not two.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { invokeWorkflow } from '../../src/application/run-admin.ts';
import { pollUntil } from '../support/poll-until.ts';
import { createTestSystem, type TestSystem } from '../support/test-system.ts';

void describe('an idle worker', () => {
  let t: TestSystem;
  const calls = { claimWork: 0, nextDueAt: 0 };

  before(async () => {
    t = await createTestSystem();
    await t.apply(`
kind: Workflow
id: quick
trigger: { type: manual }
steps:
  - { id: note, type: set, values: { seen: true } }
`);
    const store = t.system.store;
    const claimWork = store.claimWork.bind(store);
    const nextDueAt = store.nextDueAt.bind(store);
    store.claimWork = (input) => {
      calls.claimWork += 1;
      return claimWork(input);
    };
    store.nextDueAt = () => {
      calls.nextDueAt += 1;
      return nextDueAt();
    };
  });
  after(() => t.close());

  void it('sleeps until the time its look at the queue gave, without asking for it again', async () => {
    const run = await invokeWorkflow(t.system.app, { workflowId: 'quick', input: {} });
    assert.equal((await t.waitForRun(run.id)).status, 'succeeded');
    const looked = calls.claimWork;
    // The test system's worker polls every 20 ms when nothing wakes it: wait for a few idle looks.
    await pollUntil(() => Promise.resolve(calls.claimWork), (count) => count >= looked + 5, { what: 'five idle looks', intervalMs: 10 });
    assert.equal(calls.nextDueAt, 0, 'the worker asked the store when the next item is due');
  });
});
