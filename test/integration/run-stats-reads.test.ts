// What home's charts and the workflows list read (migration 0029): the runs started in an hour are a range of
// runs_by_start, read from the index alone; the runs failed since a time are a range of runs_by_status_finish. The
// runs list leaves both alone: it pages in id order, so it walks the primary key, runs_by_status or runs_by_workflow.
// And the charts' count reads an hour at a time with a turn of the event loop between hours, so that on SQLite (where
// a query holds the main thread) a week of a million runs does not stop every request for the whole count.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RunStatus } from '../../src/core/statuses.ts';
import { inspectDatabase } from '../../src/store/inspect.ts';
import { runPageQuery } from '../../src/store/run-queries.ts';
import { startedBetweenQuery } from '../../src/store/run-stats-queries.ts';
import { failedSinceQuery } from '../../src/store/workflow-run-summary-queries.ts';
import { countedStoreForSuite } from '../support/counted-store.ts';
import { turnsBetweenStatements } from '../support/event-loop-probe.ts';
import { queryPlan } from '../support/query-plan.ts';
import { testDialect } from '../support/test-database.ts';

const HOUR = 3_600_000;
const since = new Date('2026-03-01T00:00:00Z');

void describe("home's charts and the workflows list", () => {
  const suite = countedStoreForSuite();
  const db = () => inspectDatabase(suite.store);

  void it('read the runs of an hour and the failed runs of a window as ranges of their indexes', async () => {
    const started = await queryPlan(suite.store, testDialect(), startedBetweenQuery(db(), since.getTime(), since.getTime() + HOUR, undefined).compile());
    assert.match(started, /\bruns_by_start\b/, started);
    assert.match(started, testDialect() === 'sqlite' ? /COVERING INDEX runs_by_start \(created_at>\? AND created_at<\?\)/ : /Index Only Scan using runs_by_start/, started);
    const failed = await queryPlan(suite.store, testDialect(), failedSinceQuery(db(), since).compile());
    assert.match(failed, testDialect() === 'sqlite' ? /INDEX runs_by_status_finish \(status=\? AND finished_at>\?\)/ : /runs_by_status_finish/, failed);
    if (testDialect() === 'postgres') assert.match(failed, /Index Cond: .*finished_at >= /, failed);
  });

  void it('leave the runs list walking an index in its own order, time windows and all', async () => {
    const later = new Date(since.getTime() + 24 * HOUR);
    const shapes = [
      // Home's list of runs failed in the last 24 hours.
      { filter: { status: RunStatus.failed, finishedAfter: since, limit: 10 }, index: /\bruns_by_status\b/ },
      // The runs page with a time window (a saved view's, or one picked by hand).
      { filter: { createdAfter: since, createdBefore: later, limit: 10 }, index: testDialect() === 'sqlite' ? /sqlite_autoindex_runs_1/ : /runs_pkey/ },
      { filter: { workflowId: 'w', createdAfter: since, limit: 10 }, index: /\bruns_by_workflow\b/ },
    ];
    for (const { filter, index } of shapes) {
      const plan = await queryPlan(suite.store, testDialect(), runPageQuery(db(), filter).compile());
      assert.match(plan, index, `${JSON.stringify(filter)}:\n${plan}`);
      assert.doesNotMatch(plan, /runs_by_start|runs_by_status_finish|TEMP B-TREE|\bSort\b/, `${JSON.stringify(filter)}:\n${plan}`);
    }
  });

  void it('count the runs of each hour, with a turn of the event loop between hours', async () => {
    const runs = [0, 0, 1, 5].map((hours, index) => ({ id: `run_stats_${index}`, workflowId: 'w', version: 1, variables: {}, trigger: { type: 'manual' as const }, firstStep: 'first', createdAt: new Date(since.getTime() + hours * HOUR + 60_000) }));
    await suite.store.createRuns(runs);
    await db().updateTable('runs').set({ status: RunStatus.failed }).where('id', '=', 'run_stats_1').execute();
    const { result: stats, sent, turnsBetween, seen } = await turnsBetweenStatements(suite.statements, () => suite.store.runStats({ since, lastHour: new Date(since.getTime() + 5 * HOUR) }));
    assert.deepEqual([...stats.hours], [
      [since.getTime(), { started: 2, succeeded: 0, failed: 1 }],
      [since.getTime() + HOUR, { started: 1, succeeded: 0, failed: 0 }],
      [since.getTime() + 5 * HOUR, { started: 1, succeeded: 0, failed: 0 }],
    ]);
    assert.deepEqual([...stats.workflows], [['w', { started: 4, succeeded: 0, failed: 1 }]]);
    assert.equal(sent, 6, 'one statement an hour');
    assert.ok(turnsBetween > 0, `no turn came between the hours: the probe saw ${JSON.stringify(seen)} of ${sent} statements`);
  });
});
