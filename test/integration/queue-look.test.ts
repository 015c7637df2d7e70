// A worker's look at the queue (SqlStore.claimWork) reads when the next item becomes claimable first: when
// nothing is claimable that one statement is the whole look, and it says when to look again, so an idle
// worker, or one woken for work another worker took, needs no second statement to know how long to sleep.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { inspectDatabase } from '../../src/store/inspect.ts';
import { countedStoreForSuite } from '../support/counted-store.ts';

const at = new Date('2026-03-01T10:00:00Z');
const LEASE_MS = 60_000;

void describe('a look at the queue', () => {
  const suite = countedStoreForSuite();
  const { statements } = suite;
  const look = (now: Date, owner = 'worker_look') => suite.store.claimWork({ owner, limit: 10, leaseMs: LEASE_MS, now });

  void it('of an empty queue is one statement, and says the queue is empty', async () => {
    statements.reset();
    assert.deepEqual(await look(at), { work: [], nextDueAt: null });
    assert.equal(statements.total, 1, statements.breakdown().map((entry) => entry.sql).join('\n'));
  });

  void it('that finds only items due later is one statement, and says when the first is due', async () => {
    const later = new Date(at.getTime() + 5_000);
    await suite.store.createRuns([{ id: 'run_look_later', workflowId: 'w', version: 1, variables: {}, trigger: { type: 'manual' }, firstStep: 'first', createdAt: at }]);
    await inspectDatabase(suite.store).updateTable('work_items').set({ due_at: later.getTime() }).where('run_id', '=', 'run_look_later').execute();
    statements.reset();
    assert.deepEqual(await look(at), { work: [], nextDueAt: later });
    assert.equal(statements.total, 1, statements.breakdown().map((entry) => entry.sql).join('\n'));
  });

  void it('that finds an item due claims it, and one leased to another worker says when its lease ends', async () => {
    const due = new Date(at.getTime() + 5_000);
    const claimed = await look(due, 'worker_first');
    assert.deepEqual(
      claimed.work.map((work) => work.run.id),
      ['run_look_later'],
    );
    assert.equal(claimed.nextDueAt, undefined, 'a look that found work does not say when the next is due');
    statements.reset();
    assert.deepEqual(await look(due, 'worker_second'), { work: [], nextDueAt: new Date(due.getTime() + LEASE_MS) });
    assert.equal(statements.total, 1);
  });
});
