import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../src/core/clock.ts';
import type { RunBody } from '../../src/server/response-schemas.ts';
import type { PathEntryBody, RunWaitBody } from '../../src/server/run-path-schemas.ts';
import { startApi, TRIAGE_YAML } from './api-harness.ts';
import { pollUntil } from '../support/poll-until.ts';

interface RunDetailAnswer {
  run: RunBody;
  path: PathEntryBody[];
  waits: RunWaitBody[];
}

const LOOP_YAML = `
kind: Workflow
id: loop
trigger: { type: manual }
steps:
  - id: seed
    type: set
    values: { orders: [{ id: o1 }, { id: o2 }, { id: o3 }] }
  - id: each
    type: foreach
    items: orders
    as: order
    steps:
      - { id: mark, type: set, values: { seen: "{{ order.id }}" } }
  - id: pause
    type: wait
    for: 2d
  - id: review
    type: approval
    title: Review
    assignee: { users: [ana@example.com, bo@example.com] }
    timeout: 3d
    on: { approved: done, rejected: done }
  - { id: done, type: end, outcome: Done }
`;

test('the run detail gives the path with the branch each decision took', async () => {
  const api = await startApi();
  try {
    await api.postYaml('/api/v1/apply', TRIAGE_YAML);
    const big = await api.post<{ run: RunBody }>('/api/v1/workflows/triage/runs', { input: { amount: 750 } });
    const small = await api.post<{ run: RunBody }>('/api/v1/workflows/triage/runs', { input: { amount: 20 } });
    await api.t.settle();
    const bigDetail = await api.get<RunDetailAnswer>(`/api/v1/runs/${big.body.run.id}`);
    assert.equal(bigDetail.status, 200, bigDetail.text);
    assert.deepEqual(bigDetail.body.path.map((entry) => entry.step), ['big', 'mark_big', 'done']);
    assert.deepEqual(bigDetail.body.path[0]?.branch, { taken: 0, when: 'amount >= 500', next: 'mark_big' });
    assert.equal(bigDetail.body.path[1]?.branch, null);
    assert.deepEqual(bigDetail.body.waits, []);
    const smallDetail = await api.get<RunDetailAnswer>(`/api/v1/runs/${small.body.run.id}`);
    assert.deepEqual(smallDetail.body.path[0]?.branch, { taken: 'otherwise', when: null, next: 'mark_small' });
  } finally {
    await api.close();
  }
});

test('the run detail folds a foreach into counts and says when a timer wakes and whom an approval waits on', async () => {
  const clock = new ManualClock(new Date('2026-03-01T10:00:00Z'));
  const api = await startApi({ clock });
  try {
    const applied = await api.postYaml('/api/v1/apply', LOOP_YAML);
    assert.equal(applied.status, 200, applied.text);
    const started = await api.post<{ run: RunBody }>('/api/v1/workflows/loop/runs', {});
    await api.t.waitForRun(started.body.run.id, { untilStatus: 'waiting' });
    const sleeping = await api.get<RunDetailAnswer>(`/api/v1/runs/${started.body.run.id}`);
    assert.deepEqual(sleeping.body.path.map((entry) => entry.step), ['seed', 'each', 'pause'], 'nested steps are folded into their foreach');
    assert.deepEqual(sleeping.body.path[1]?.scopes, { total: 3, succeeded: 3, failed: 0, open: 0 });
    assert.deepEqual(sleeping.body.waits, [{ step: 'pause', kind: 'timer', until: '2026-03-03T10:00:00.000Z', task: null, team: null, approvers: [], child_run: null }]);

    clock.advance(2 * 24 * 3600_000);
    api.t.system.app.wakeWorker();
    await pollUntil(async () => (await api.get<RunDetailAnswer>(`/api/v1/runs/${started.body.run.id}`)).body.waits, (waits) => waits.some((wait) => wait.kind === 'approval'), { what: 'the run waiting on its approval', intervalMs: 20 });
    const approving = await api.get<RunDetailAnswer>(`/api/v1/runs/${started.body.run.id}`);
    const [wait] = approving.body.waits;
    assert.equal(wait?.step, 'review');
    assert.equal(wait?.until, '2026-03-06T10:00:00.000Z');
    assert.deepEqual(wait?.approvers, ['ana@example.com', 'bo@example.com']);
    assert.equal(wait?.team, null);
    assert.match(wait?.task ?? '', /^apt_/);
  } finally {
    await api.close();
  }
});
