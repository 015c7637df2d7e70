// The gauge count of runs by status (store/run-status-count.ts): exact across its slices, and the event loop gets a
// turn between slices, so that on SQLite (where a query holds the main thread) a count of a million parked runs
// does not stop every request for its whole length. On PostgreSQL the store counts in one statement.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RunStatus } from '../../src/core/statuses.ts';
import { inspectDatabase } from '../../src/store/inspect.ts';
import { countRunsInStatus } from '../../src/store/run-status-count.ts';
import { countedStoreForSuite } from '../support/counted-store.ts';
import { testDialect } from '../support/test-database.ts';
import { turnsBetweenStatements } from '../support/event-loop-probe.ts';

const at = new Date('2026-03-01T10:00:00Z');

void describe('counting runs by status', () => {
  const suite = countedStoreForSuite();
  const db = () => inspectDatabase(suite.store);

  void it('counts every run in the status, whatever the slice, and none in another', async () => {
    const runs = Array.from({ length: 23 }, (_, index) => ({ id: `run_count_${String(index).padStart(2, '0')}`, workflowId: 'w', version: 1, variables: {}, trigger: { type: 'manual' as const }, firstStep: 'first', createdAt: at }));
    await suite.store.createRuns(runs);
    const waiting = runs.filter((_, index) => index % 3 !== 0).map((run) => run.id);
    await db().updateTable('runs').set({ status: RunStatus.waiting }).where('id', 'in', waiting).execute();
    for (const slice of [1, 2, 5, 15, 16, 1000, null]) {
      assert.equal(await countRunsInStatus(db(), RunStatus.waiting, slice), 15, `slice ${slice}`);
      assert.equal(await countRunsInStatus(db(), RunStatus.running, slice), 8, `slice ${slice}`);
      assert.equal(await countRunsInStatus(db(), RunStatus.failed, slice), 0, `slice ${slice}`);
    }
    suite.statements.reset();
    assert.equal(await suite.store.countRunsInStatus(RunStatus.waiting), 15);
    // In slices where a query holds the main thread (SQLite's 20,000 entries: one slice here, then the rest); else one statement.
    assert.equal(suite.statements.total, testDialect() === 'sqlite' ? 2 : 1, JSON.stringify(suite.statements.breakdown()));
  });

  void it('lets the event loop run between slices', async () => {
    const { result, sent, turnsBetween, seen } = await turnsBetweenStatements(suite.statements, () => countRunsInStatus(db(), RunStatus.waiting, 1));
    assert.equal(result, 15);
    assert.ok(sent > 2, `a slice of 1 over 15 runs takes more than two statements (${sent})`);
    assert.ok(turnsBetween > 0, `no turn came between the slices: the probe saw ${JSON.stringify(seen)} of ${sent} statements`);
  });
});
