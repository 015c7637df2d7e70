import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../src/core/clock.ts';
import type { ErrorBody, RunBody, TitledRunBody, StepAttemptBody } from '../../src/server/response-schemas.ts';
import { inspectDatabase } from '../../src/store/inspect.ts';
import { startApi, TRIAGE_YAML } from './api-harness.ts';
import { flakyWorkflow, SLOW_WORKFLOW } from '../support/run-control-workflows.ts';
import { closedPort } from '../support/closed-port.ts';

interface RunAnswer {
  run: RunBody;
}
interface RunDetailAnswer {
  run: TitledRunBody;
  steps: StepAttemptBody[];
}
interface RunListAnswer {
  runs: TitledRunBody[];
  next_cursor: string | null;
}

test('invoke answers 202 with the run as written (pure steps ended it already); its detail shows the step timeline', async () => {
  const api = await startApi();
  try {
    await api.postYaml('/api/v1/apply', TRIAGE_YAML);
    const invoked = await api.post<RunAnswer>('/api/v1/workflows/triage/runs', { input: { amount: 750 } });
    assert.equal(invoked.status, 202);
    assert.equal(invoked.body.run.workflow, 'triage');
    assert.equal(invoked.body.run.version, 1);
    assert.equal(invoked.body.run.status, 'succeeded', 'a decision, a set and an end commit with the run (issue 13, part 3)');
    assert.equal(invoked.body.run.trigger.type, 'manual');

    await api.t.settle();
    const detail = await api.get<RunDetailAnswer>(`/api/v1/runs/${invoked.body.run.id}`);
    assert.equal(detail.status, 200);
    assert.equal(detail.body.run.status, 'succeeded');
    assert.equal(detail.body.run.outcome, 'Sized');
    assert.equal(detail.body.run.variables.size, 'big');
    assert.equal(typeof detail.body.run.finished_at, 'string');
    assert.equal(detail.body.run.failed_step_title, null, 'a run that did not fail names no failed step');
    assert.equal(detail.body.run.workflow_title, 'Triage');
    assert.deepEqual(detail.body.steps.map((step) => step.step_id), ['big', 'mark_big', 'done']);
    const [decision] = detail.body.steps;
    assert.equal(decision?.step_type, 'decision');
    assert.equal(decision?.status, 'succeeded');
    assert.equal(decision?.attempt, 1);
    assert.equal(typeof decision?.started_at, 'string');
    assert.equal(typeof decision?.duration_ms, 'number');
  } finally {
    await api.close();
  }
});

test('invoke refuses input that does not fit the manual trigger fields', async () => {
  const api = await startApi();
  try {
    await api.postYaml('/api/v1/apply', TRIAGE_YAML);
    const invoked = await api.post<ErrorBody>('/api/v1/workflows/triage/runs', { input: {} });
    assert.equal(invoked.status, 400);
    assert.ok(invoked.body.error.message.includes('amount'), invoked.body.error.message);
  } finally {
    await api.close();
  }
});

test('the run list filters by workflow, status and creation time, and pages with a cursor', async () => {
  const clock = new ManualClock(new Date('2026-03-01T10:00:00Z'));
  const api = await startApi({ clock });
  try {
    await api.postYaml('/api/v1/apply', `${TRIAGE_YAML}
---
kind: Workflow
id: other
trigger: { type: manual }
steps:
  - { id: done, type: end, outcome: Done }
`);
    const ids: string[] = [];
    for (let index = 0; index < 5; index += 1) {
      const invoked = await api.post<RunAnswer>('/api/v1/workflows/triage/runs', { input: { amount: 100 * index } });
      assert.equal(invoked.status, 202);
      ids.push(invoked.body.run.id);
      clock.advance(60_000);
    }
    await api.post('/api/v1/workflows/other/runs');
    await api.t.settle();

    const all = await api.get<RunListAnswer>('/api/v1/runs');
    assert.equal(all.body.runs.length, 6);
    assert.deepEqual(new Set(all.body.runs.map((run) => run.failed_step_title)), new Set([null]), 'runs that did not fail name no failed step');

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url: string = `/api/v1/runs?workflow=triage&limit=2${cursor === null ? '' : `&cursor=${cursor}`}`;
      const page: Awaited<ReturnType<typeof api.get<RunListAnswer>>> = await api.get<RunListAnswer>(url);
      assert.equal(page.status, 200);
      assert.ok(page.body.runs.length <= 2);
      assert.ok(page.body.runs.every((run) => run.workflow === 'triage'));
      seen.push(...page.body.runs.map((run) => run.id));
      cursor = page.body.next_cursor;
      pages += 1;
    } while (cursor !== null && pages < 10);
    assert.equal(pages, 3);
    assert.deepEqual(seen, [...ids].reverse(), 'every triage run once, newest first');

    const succeeded = await api.get<RunListAnswer>('/api/v1/runs?status=succeeded&workflow=other');
    assert.equal(succeeded.body.runs.length, 1);
    const failed = await api.get<RunListAnswer>('/api/v1/runs?status=failed');
    assert.equal(failed.body.runs.length, 0);

    const window = await api.get<RunListAnswer>('/api/v1/runs?workflow=triage&created_after=2026-03-01T10:01:00Z&created_before=2026-03-01T10:03:00%2B00:00');
    assert.equal(window.status, 200);
    assert.deepEqual(window.body.runs.map((run) => run.id), [ids[2], ids[1]]);
  } finally {
    await api.close();
  }
});

const PARENT_AND_CHILD_YAML = `kind: Workflow
id: child
trigger: { type: manual }
steps:
  - { id: done, type: end, outcome: Done }
---
kind: Workflow
id: parent
trigger: { type: manual }
steps:
  - { id: call_child, type: workflow, workflow: child }
  - { id: done, type: end, outcome: Done }
`;

async function listedPages(api: Awaited<ReturnType<typeof startApi>>, query: string): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page: Awaited<ReturnType<typeof api.get<RunListAnswer>>> = await api.get<RunListAnswer>(`/api/v1/runs?${query}${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`);
    assert.equal(page.status, 200, page.text);
    ids.push(...page.body.runs.map((run) => run.id));
    cursor = page.body.next_cursor;
    pages += 1;
  } while (cursor !== null && pages < 50);
  return { ids, pages };
}

test('the run list is newest first by creation, child runs (whose ids are hashes) and runs started in the same millisecond too, and its pages hold every run once', async () => {
  const clock = new ManualClock(new Date('2026-03-01T10:00:00Z'));
  const api = await startApi({ clock });
  try {
    assert.equal((await api.postYaml('/api/v1/apply', PARENT_AND_CHILD_YAML)).status, 200);
    // Three minutes, three parents (each starting a child) and two more children a minute, all of a minute started in the
    // same millisecond:
    // a child's id is a hash of its parent's, so by id it would sort anywhere.
    for (let minute = 0; minute < 3; minute += 1) {
      for (let run = 0; run < 3; run += 1) assert.equal((await api.post<RunAnswer>('/api/v1/workflows/parent/runs')).status, 202);
      for (let run = 0; run < 2; run += 1) assert.equal((await api.post<RunAnswer>('/api/v1/workflows/child/runs')).status, 202);
      await api.t.settle();
      clock.advance(60_000);
    }
    const stored = await inspectDatabase(api.t.system.store).selectFrom('runs').select(['id', 'workflow_id', 'created_at', 'parent_run_id']).execute();
    assert.equal(stored.length, 24, 'nine parents, their nine children, six children started by hand');
    assert.ok(stored.some((run) => run.parent_run_id !== null && !run.id.startsWith(`run_${(Number(run.created_at)).toString(36)}`)), 'a child run id is no time');
    const newestFirst = [...stored].sort((a, b) => Number(b.created_at) - Number(a.created_at) || (a.id < b.id ? 1 : -1)).map((run) => run.id);

    for (const limit of [1, 2, 5, 24]) {
      const { ids, pages } = await listedPages(api, `limit=${limit}`);
      assert.deepEqual(ids, newestFirst, `limit ${limit}: every run once, newest first`);
      assert.equal(pages, Math.ceil(24 / limit), `limit ${limit}`);
    }
    const children = await listedPages(api, 'workflow=child&limit=4');
    const childIds = new Set(stored.filter((run) => run.workflow_id === 'child').map((run) => run.id));
    assert.equal(childIds.size, 15, 'nine started by a parent, six by hand');
    assert.deepEqual(children.ids, newestFirst.filter((id) => childIds.has(id)), 'one workflow\'s, across pages');
    const middle = await listedPages(api, 'created_after=2026-03-01T10:01:00Z&created_before=2026-03-01T10:02:00Z&status=succeeded&limit=2');
    assert.deepEqual(middle.ids, newestFirst.slice(8, 16), 'a window, by status, across pages');

    // A cursor is the last run of the page before, as it always was: a run id a client kept goes on working.
    const kept = newestFirst[7] ?? '';
    const after = await api.get<RunListAnswer>(`/api/v1/runs?limit=3&cursor=${kept}`);
    assert.equal(after.status, 200, after.text);
    assert.deepEqual(after.body.runs.map((run) => run.id), newestFirst.slice(8, 11));
    assert.equal(after.body.next_cursor, newestFirst[10]);
  } finally {
    await api.close();
  }
});

/**
 * Failed runs of `ledger` (its step `call` titled, version 1 "Call the ledger", version 2 "Book it in the ledger";
 * `post_item` in a foreach titled "Post the item"; the workflow untitled in version 1, "The ledger" in version 2)
 * and of `flaky` (untitled, as is its step `call`), each settled.
 */
async function failedLedgerRuns(api: Awaited<ReturnType<typeof startApi>>): Promise<{ first: string; second: string; inLoop: string; untitled: string }> {
  const down = `http://127.0.0.1:${await closedPort()}/down`;
  const ledger = (title: string) => `kind: Workflow
id: ledger
trigger: { type: manual, input: [{ key: each, type: checkbox }] }
steps:
  - id: route
    type: decision
    branches: [{ when: each, next: every }]
    otherwise: call
  - id: call
    title: ${title}
    type: action
    uses: http.request
    with: { url: "${down}" }
    retry: { attempts: 1 }
    next: done
  - id: every
    type: foreach
    items: "[1]"
    as: item
    steps:
      - { id: post_item, title: Post the item, type: action, uses: http.request, with: { url: "${down}" }, retry: { attempts: 1 } }
  - { id: done, type: end, outcome: Done }
`;
  const applied = await api.postYaml('/api/v1/apply', `${ledger('Call the ledger')}---\n${await flakyWorkflow()}`);
  assert.equal(applied.status, 200, applied.text);
  const first = await api.post<RunAnswer>('/api/v1/workflows/ledger/runs', { input: { each: false } });
  const inLoop = await api.post<RunAnswer>('/api/v1/workflows/ledger/runs', { input: { each: true } });
  const untitled = await api.post<RunAnswer>('/api/v1/workflows/flaky/runs');
  await api.t.settle();
  // Version 2 retitles the step (the earlier run keeps the title of its own version) and titles the workflow (every run takes it).
  assert.equal((await api.postYaml('/api/v1/apply', ledger('Book it in the ledger').replace('id: ledger\n', 'id: ledger\ntitle: The ledger\n'))).status, 200);
  const second = await api.post<RunAnswer>('/api/v1/workflows/ledger/runs', { input: { each: false } });
  await api.t.settle();
  return { first: first.body.run.id, second: second.body.run.id, inLoop: inLoop.body.run.id, untitled: untitled.body.run.id };
}

/** A run's detail, answered 200. */
async function runDetailOf(api: Awaited<ReturnType<typeof startApi>>, id: string): Promise<RunDetailAnswer> {
  const detail = await api.get<RunDetailAnswer>(`/api/v1/runs/${id}`);
  assert.equal(detail.status, 200, detail.text);
  return detail.body;
}

test("the run list names each run's workflow by its title now, and the step a failed run failed at by its title in the run's version (in a foreach too), so a list needs no other read", async () => {
  const api = await startApi();
  try {
    const runs = await failedLedgerRuns(api);
    const failed = await api.get<RunListAnswer>('/api/v1/runs?status=failed');
    assert.equal(failed.status, 200);
    const byId = new Map(failed.body.runs.map((run) => [run.id, run]));
    const named = (id: string) => [byId.get(id)?.version, byId.get(id)?.failed_step, byId.get(id)?.failed_step_title, byId.get(id)?.workflow_title];
    assert.deepEqual(named(runs.first), [1, 'call', 'Call the ledger', 'The ledger'], "the step by its own version's title, the workflow by its title now");
    assert.deepEqual(named(runs.second), [2, 'call', 'Book it in the ledger', 'The ledger']);
    assert.deepEqual(named(runs.inLoop), [1, 'every/0/post_item', 'Post the item', 'The ledger'], 'a step in a foreach, by its path');
    assert.deepEqual(named(runs.untitled), [1, 'call', null, 'flaky'], 'a step without a title: named by its id; so is a workflow without one');
  } finally {
    await api.close();
  }
});

test("a run's detail names its workflow and the step it failed at as the list does, so the run page needs no other read for them", async () => {
  const api = await startApi();
  try {
    const runs = await failedLedgerRuns(api);
    const named = async (id: string) => {
      const { run } = await runDetailOf(api, id);
      return [run.version, run.failed_step, run.failed_step_title, run.workflow_title];
    };
    assert.deepEqual(await named(runs.first), [1, 'call', 'Call the ledger', 'The ledger'], 'version 1 keeps its step title after version 2 retitles the step; the workflow goes by its title now');
    assert.deepEqual(await named(runs.second), [2, 'call', 'Book it in the ledger', 'The ledger']);
    assert.deepEqual(await named(runs.inLoop), [1, 'every/0/post_item', 'Post the item', 'The ledger'], 'a step in a foreach, by its path');
    assert.deepEqual(await named(runs.untitled), [1, 'call', null, 'flaky'], 'a step without a title: named by its id; so is a workflow without one');
  } finally {
    await api.close();
  }
});

test("a run's detail titles each step of its timeline from the run's own version (in a foreach too), so the run page's headings need no graph", async () => {
  const api = await startApi();
  try {
    const runs = await failedLedgerRuns(api);
    const titled = async (id: string) => (await runDetailOf(api, id)).steps.map((step) => [step.step_path, step.step_title]);
    assert.deepEqual(await titled(runs.first), [['route', null], ['call', 'Call the ledger']], 'version 1 keeps its title after version 2 retitles the step; an untitled step gives null');
    assert.deepEqual(await titled(runs.second), [['route', null], ['call', 'Book it in the ledger']]);
    assert.deepEqual(await titled(runs.inLoop), [['route', null], ['every', null], ['every/0/post_item', 'Post the item']], 'a step in a foreach, by its path');
  } finally {
    await api.close();
  }
});

test('the run list refuses bad filters with the parameter at fault', async () => {
  const api = await startApi();
  try {
    const status = await api.get<ErrorBody>('/api/v1/runs?status=done');
    assert.equal(status.status, 400);
    assert.equal(status.body.error.code, 'request_invalid');
    assert.equal(status.body.error.path, 'query.status');
    assert.match(status.body.error.message, /succeeded/, 'lists the allowed statuses');

    const limit = await api.get<ErrorBody>('/api/v1/runs?limit=500');
    assert.equal(limit.status, 400);
    assert.equal(limit.body.error.path, 'query.limit');

    const time = await api.get<ErrorBody>('/api/v1/runs?created_after=yesterday');
    assert.equal(time.status, 400);
    assert.equal(time.body.error.path, 'query.created_after');

    // A window that ends before (or where) it starts is refused at its later bound, as GET /requests and GET /events do.
    for (const window of ['created_after=2026-03-02T00:00:00Z&created_before=2026-03-01T00:00:00Z', 'created_after=2026-03-01T00:00:00Z&created_before=2026-03-01T01:00:00%2B01:00']) {
      const impossible = await api.get<ErrorBody>(`/api/v1/runs?${window}`);
      assert.equal(impossible.status, 400, window);
      assert.equal(impossible.body.error.code, 'request_invalid', window);
      assert.equal(impossible.body.error.path, 'created_before', window);
      assert.match(impossible.body.error.message, /^created_before 2026-03-01T00:00:00\.000Z is not after created_after 2026-03-0[12]T00:00:00\.000Z; give a created_before later than created_after$/, window);
    }

    // A cursor no page gave (no such run) says so, rather than answering an empty page.
    const cursor = await api.get<ErrorBody>('/api/v1/runs?cursor=run_nope');
    assert.equal(cursor.status, 400, cursor.text);
    assert.equal(cursor.body.error.code, 'request_invalid');
    assert.equal(cursor.body.error.path, 'cursor');
    assert.match(cursor.body.error.message, /^cursor "run_nope" is not one this API gave; pass the next_cursor of the previous page$/);

    const unknown = await api.get<ErrorBody>('/api/v1/runs?stauts=failed');
    assert.equal(unknown.status, 400);
    assert.match(unknown.body.error.message, /status/);
  } finally {
    await api.close();
  }
});

test('cancel a run parked on a timer; a finished run cannot be cancelled again', async () => {
  const api = await startApi();
  try {
    await api.postYaml('/api/v1/apply', SLOW_WORKFLOW);
    const invoked = await api.post<RunAnswer>('/api/v1/workflows/slow/runs', {});
    await api.t.settle();
    const parked = await api.get<RunDetailAnswer>(`/api/v1/runs/${invoked.body.run.id}`);
    assert.equal(parked.body.run.status, 'waiting');

    const cancelled = await api.call<RunAnswer>({ method: 'POST', url: `/api/v1/runs/${invoked.body.run.id}/cancel`, headers: { 'content-type': 'application/json' } });
    assert.equal(cancelled.status, 200, cancelled.text);
    assert.equal(cancelled.body.run.status, 'cancelled');
    assert.equal(typeof cancelled.body.run.finished_at, 'string');

    const again = await api.post<ErrorBody>(`/api/v1/runs/${invoked.body.run.id}/cancel`);
    assert.equal(again.status, 409);
    assert.equal(again.body.error.code, 'run_already_finished');
  } finally {
    await api.close();
  }
});

test('retry a failed run: a new attempt of the failed step is journaled', async () => {
  const api = await startApi();
  try {
    await api.postYaml('/api/v1/apply', await flakyWorkflow());
    const invoked = await api.post<RunAnswer>('/api/v1/workflows/flaky/runs');
    assert.equal(invoked.status, 202);
    await api.t.settle();
    const failed = await api.get<RunDetailAnswer>(`/api/v1/runs/${invoked.body.run.id}`);
    assert.equal(failed.body.run.status, 'failed');
    assert.equal(failed.body.run.failed_step, 'call');
    assert.equal(failed.body.run.error?.code, 'http_network_error');
    assert.equal(failed.body.steps.length, 1);

    const retried = await api.post<RunAnswer>(`/api/v1/runs/${invoked.body.run.id}/retry`);
    assert.equal(retried.status, 200);
    assert.equal(retried.body.run.status, 'running');
    assert.equal(retried.body.run.retry_generation, 1);
    await api.t.settle();

    const after = await api.get<RunDetailAnswer>(`/api/v1/runs/${invoked.body.run.id}`);
    assert.equal(after.body.run.status, 'failed');
    const attempts = after.body.steps.filter((step) => step.step_id === 'call');
    assert.equal(attempts.length, 2, 'the retry journaled a second attempt');
    assert.deepEqual(attempts.map((step) => step.attempt), [1, 2]);
    assert.ok(attempts.every((step) => step.error?.code === 'http_network_error'));

    const notFailed = await api.post<ErrorBody>(`/api/v1/runs/${invoked.body.run.id}/cancel`);
    assert.equal(notFailed.status, 409);
  } finally {
    await api.close();
  }
});

test('an unknown run id is 404 run_not_found', async () => {
  const api = await startApi();
  try {
    for (const answer of [
      await api.get<ErrorBody>('/api/v1/runs/run_missing'),
      await api.post<ErrorBody>('/api/v1/runs/run_missing/cancel'),
      await api.post<ErrorBody>('/api/v1/runs/run_missing/retry'),
    ]) {
      assert.equal(answer.status, 404);
      assert.equal(answer.body.error.code, 'run_not_found');
      assert.match(answer.body.error.message, /run_missing/);
    }
  } finally {
    await api.close();
  }
});

/** A local port nothing listens on: connecting to it is refused at once. */
