// An idle worker looks at the queue with one statement: the look (claimWork) says when the next item is due,
// so the worker does not ask the store again (nextDueAt) before it sleeps. With several workers woken for the
// same new work, one that finds it taken (by the look, or in the claim itself) does not ask either.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { invokeWorkflow } from '../../src/application/run-admin.ts';
import { pollUntil } from '../support/poll-until.ts';
import { createTestSystem, type TestSystem } from '../support/test-system.ts';

void describe('an idle worker', () => {
  let t: TestSystem;
  const calls = { claimWork: 0, nextDueAt: 0 };
  let lostLooks = 0;

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
      // A look that lost the race: claimable items were there, and other workers took them all.
      if (lostLooks > 0) {
        lostLooks -= 1;
        return Promise.resolve({ work: [] });
      }
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

  void it('sleeps without asking when the next item is due after losing the items it saw to other workers', async () => {
    lostLooks = 3;
    await pollUntil(() => Promise.resolve(lostLooks), (left) => left === 0, { what: 'three lost looks', intervalMs: 10 });
    const looked = calls.claimWork;
    await pollUntil(() => Promise.resolve(calls.claimWork), (count) => count >= looked + 2, { what: 'two more looks', intervalMs: 10 });
    assert.equal(calls.nextDueAt, 0, 'the worker asked the store when the next item is due');
  });
});
