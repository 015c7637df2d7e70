// What home's charts and the workflows list read (migration 0029): the runs started in an hour are a range of
// runs_by_start, read from the index alone; the runs failed since a time are a range of runs_by_status_finish. The
// runs list pages newest first by creation (migration 0030): it walks runs_by_start, runs_by_status or runs_by_workflow
// in that order and stops at its page, a created-time window being a range of the index.
// And on SQLite (where a query holds the main thread) the charts' count reads an hour at a time with a turn of the
// event loop between hours, so that a week of a million runs does not stop every request for the whole count.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { RunStatus } from '../../src/core/statuses.ts';
import { inspectDatabase } from '../../src/store/inspect.ts';
import { runPageQuery } from '../../src/store/run-queries.ts';
import { startedBetweenQuery } from '../../src/store/run-stats-queries.ts';
import { failedSinceQuery, newestRunsQuery } from '../../src/store/workflow-run-summary-queries.ts';
import type { RunFilter } from '../../src/store/records.ts';
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
    if (testDialect() === 'postgres') {
      // On a table it has no statistics of, PostgreSQL costs runs_by_status (status, created_at, id) and
      // runs_by_status_finish alike and takes either; with a month of runs it sees which one the window narrows.
      const monthAgo = Array.from({ length: 300 }, (_, index) => ({ id: `run_month_${index}`, workflowId: 'w', version: 1, variables: {}, trigger: { type: 'manual' as const }, firstStep: 'first', createdAt: new Date(since.getTime() - (30 * 24 - index) * HOUR) }));
      await suite.store.createRuns(monthAgo);
      for (const [status, every] of [[RunStatus.succeeded, 2], [RunStatus.failed, 10]] as const) {
        const ended = monthAgo.filter((_, index) => index % every === 0).map((run) => run.id);
        await db().updateTable('runs').set({ status, finished_at: since.getTime() - 24 * HOUR }).where('id', 'in', ended).execute();
      }
      await sql`ANALYZE runs`.execute(db());
    }
    const started = await queryPlan(suite.store, testDialect(), startedBetweenQuery(db(), since.getTime(), since.getTime() + HOUR, undefined).compile());
    assert.match(started, /\bruns_by_start\b/, started);
    assert.match(started, testDialect() === 'sqlite' ? /COVERING INDEX runs_by_start \(created_at>\? AND created_at<\?\)/ : /Index Only Scan using runs_by_start/, started);
    const failed = await queryPlan(suite.store, testDialect(), failedSinceQuery(db(), since).compile());
    assert.match(failed, testDialect() === 'sqlite' ? /INDEX runs_by_status_finish \(status=\? AND finished_at>\?\)/ : /runs_by_status_finish/, failed);
    if (testDialect() === 'postgres') assert.match(failed, /Index Cond: .*finished_at >= /, failed);
  });

  void it('leave the runs list walking an index in its own order and stopping at its page, a created-time window as its range', async () => {
    const later = new Date(since.getTime() + 24 * HOUR);
    const longAgo = new Date(since.getTime() - 120 * HOUR);
    const after = { createdAt: since.getTime() + HOUR, id: 'run_0abc' };
    const shapes: { filter: RunFilter; index: string }[] = [
      { filter: { limit: 51 }, index: 'runs_by_start' },
      { filter: { after, limit: 51 }, index: 'runs_by_start' },
      // The runs page with a time window (a saved view's, or one picked by hand), one far in the past too.
      { filter: { createdAfter: since, createdBefore: later, limit: 51 }, index: 'runs_by_start' },
      { filter: { createdAfter: longAgo, createdBefore: new Date(longAgo.getTime() + HOUR), limit: 51 }, index: 'runs_by_start' },
      { filter: { createdAfter: longAgo, createdBefore: new Date(longAgo.getTime() + HOUR), after: { createdAt: longAgo.getTime() + HOUR / 2, id: 'run_0abc' }, limit: 51 }, index: 'runs_by_start' },
      { filter: { status: RunStatus.waiting, limit: 51 }, index: 'runs_by_status' },
      { filter: { status: RunStatus.waiting, createdAfter: longAgo, createdBefore: later, after, limit: 51 }, index: 'runs_by_status' },
      // Home's list of runs failed in the last 24 hours.
      { filter: { status: RunStatus.failed, finishedAfter: since, limit: 10 }, index: 'runs_by_status' },
      { filter: { workflowId: 'w', limit: 51 }, index: 'runs_by_workflow' },
      { filter: { workflowId: 'w', createdAfter: since, after, limit: 51 }, index: 'runs_by_workflow' },
      { filter: { workflowId: 'w', status: RunStatus.failed, createdAfter: since, limit: 51 }, index: 'runs_by_(status|workflow)' },
    ];
    for (const { filter, index } of shapes) {
      const plan = await queryPlan(suite.store, testDialect(), runPageQuery(db(), filter).compile());
      const shape = JSON.stringify(filter);
      assert.match(plan, new RegExp(`\\b${index}\\b`), `${shape} reads ${index}:\n${plan}`);
      assert.doesNotMatch(plan, /runs_by_status_finish|TEMP B-TREE|\bSort\b/, `${shape} sorts:\n${plan}`);
      if (testDialect() === 'postgres') assert.match(plan, /^Limit/, `${shape} stops at its page:\n${plan}`);
      // The window and the page's start are where the index is entered, not a filter of every run it walks from the newest.
      if (filter.after !== undefined) assert.match(plan, testDialect() === 'sqlite' ? /\(created_at,id\)<\(\?,\?\)/ : /Index Cond: .*ROW\(created_at, id\) < ROW/, `${shape} seeks its page:\n${plan}`);
      else if (filter.createdAfter !== undefined) assert.match(plan, testDialect() === 'sqlite' ? /created_at>\?/ : /Index Cond: .*created_at >= /, `${shape} seeks its window:\n${plan}`);
    }
  });

  // SQLite only: PostgreSQL weighs a sort of a handful against a walk by its statistics, and the plan helper turns
  // sorts off there, so it would show the walk whatever the query.
  void it("read the runs of an event or about an object by id and sort that handful, with a status or workflow too", { skip: testDialect() !== 'sqlite' }, async () => {
    const later = new Date(since.getTime() + 24 * HOUR);
    const shapes: RunFilter[] = [
      { eventId: 'evt_1', limit: 51 },
      { eventId: 'evt_1', status: RunStatus.succeeded, limit: 51 },
      { eventId: 'evt_1', createdAfter: since, createdBefore: later, after: { createdAt: since.getTime() + HOUR, id: 'run_0abc' }, limit: 51 },
      { about: 'pi_1', workflowId: 'w', createdAfter: since, limit: 51 },
    ];
    for (const filter of shapes) {
      const plan = await queryPlan(suite.store, testDialect(), runPageQuery(db(), filter).compile());
      assert.match(plan, /SEARCH runs USING INDEX sqlite_autoindex_runs_1 \(id=\?\)/, `${JSON.stringify(filter)} reads the runs by id:\n${plan}`);
      assert.doesNotMatch(plan, /runs_by_(start|status|workflow)/, `${JSON.stringify(filter)} walks an index of every run:\n${plan}`);
    }
  });

  void it('read the runs of a request by runs_by_request, with a status or workflow too', async () => {
    const shapes: RunFilter[] = [
      { requestId: 'req_1', limit: 51 },
      { requestId: 'req_1', status: RunStatus.succeeded, workflowId: 'w', createdAfter: since, after: { createdAt: since.getTime() + HOUR, id: 'run_0abc' }, limit: 51 },
    ];
    for (const filter of shapes) {
      const plan = await queryPlan(suite.store, testDialect(), runPageQuery(db(), filter).compile(), { sorts: true });
      assert.match(plan, testDialect() === 'sqlite' ? /SEARCH runs USING INDEX runs_by_request \(request_id=\?\)/ : /Index Scan using runs_by_request on runs[^\n]*\n\s*Index Cond: \(request_id = /, `${JSON.stringify(filter)} reads the request's runs:\n${plan}`);
    }
  });

  void it("name each workflow's newest run by one probe of runs_by_workflow", async () => {
    const plan = await queryPlan(suite.store, testDialect(), newestRunsQuery(db()).compile());
    assert.match(plan, /\bruns_by_workflow\b/, plan);
    assert.doesNotMatch(plan, /TEMP B-TREE|\bSort\b/, plan);
  });

  void it('count the runs of each hour: on SQLite an hour at a time with a turn of the event loop between hours, on PostgreSQL in one statement', async () => {
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
    if (testDialect() === 'postgres') {
      assert.equal(sent, 1, 'one round trip for every hour');
      return;
    }
    assert.equal(sent, 6, 'one statement an hour');
    assert.ok(turnsBetween > 0, `no turn came between the hours: the probe saw ${JSON.stringify(seen)} of ${sent} statements`);
  });
});
