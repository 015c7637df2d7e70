import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EventBody, ReplayOutcomeBody } from '../../src/server/event-schemas.ts';
import type { ErrorBody, RunBody } from '../../src/server/response-schemas.ts';
import { startCountingServer } from '../support/counting-server.ts';
import { startApi } from './api-harness.ts';
import { bearer, userWithKey } from './identity-fixtures.ts';

interface ReplayAnswer {
  event: string;
  results: ReplayOutcomeBody[];
}

const LISTENERS = `
kind: Workflow
id: big-refunds
title: Big refunds
trigger:
  type: event
  event: charge.refunded
  when: object.amount_refunded >= 1000
steps:
  - { id: done, type: end, outcome: Big }
---
kind: Workflow
id: every-refund
trigger: { type: event, event: charge.refunded }
steps:
  - { id: done, type: end, outcome: Seen }
`;

function refundEvent(id: string, amount: number) {
  return { id, type: 'charge.refunded', livemode: false, created: 1_700_000_000, data: { object: { id: `ch_${id}`, object: 'charge', amount_refunded: amount } } };
}

function byWorkflow(results: readonly ReplayOutcomeBody[]): Record<string, ReplayOutcomeBody> {
  return Object.fromEntries(results.map((result) => [result.workflow, result]));
}

test('a replay starts only the workflows the event has not started; force starts them all again as a new generation', async () => {
  const api = await startApi();
  try {
    assert.equal((await api.postYaml('/api/v1/apply', LISTENERS)).status, 200);
    const received = await api.t.system.app.stripeIntake.accept(refundEvent('evt_small', 500), { connectorId: 'stripe', source: 'webhook' });
    const [first] = received.runs;
    assert.ok(first, 'every-refund started on arrival');
    await api.t.waitForRun(first);

    const unchanged = await api.post<ReplayAnswer>('/api/v1/events/evt_small/replay', {});
    assert.equal(unchanged.status, 200, unchanged.text);
    assert.deepEqual(byWorkflow(unchanged.body.results), {
      'big-refunds': { workflow: 'big-refunds', workflow_title: 'Big refunds', result: 'not_started', reason: 'condition_false' },
      'every-refund': { workflow: 'every-refund', workflow_title: 'every-refund', result: 'already_ran', runs: [first] },
    }, 'each workflow by its title, or by its id when it has none');

    // The condition is fixed, and a workflow published after the event listens too.
    await api.postYaml('/api/v1/apply', LISTENERS.replace('>= 1000', '>= 100'));
    await api.postYaml('/api/v1/apply', `
kind: Workflow
id: late
trigger: { type: event, event: charge.refunded }
steps:
  - { id: done, type: end, outcome: Late }
`);
    const fixed = await api.post<ReplayAnswer>('/api/v1/events/evt_small/replay');
    assert.equal(fixed.status, 200, fixed.text);
    const started = byWorkflow(fixed.body.results);
    assert.equal(started['big-refunds']?.result, 'started');
    assert.equal(started.late?.result, 'started');
    assert.deepEqual(started['every-refund'], { workflow: 'every-refund', workflow_title: 'every-refund', result: 'already_ran', runs: [first] });
    assert.equal(started.late?.workflow_title, 'late', 'a workflow published after the event, named too');
    const bigRun = started['big-refunds']?.result === 'started' ? started['big-refunds'].run : '';
    assert.equal(started['big-refunds']?.result === 'started' && started['big-refunds'].generation, 1);
    const bigDone = await api.t.waitForRun(bigRun);
    assert.equal(bigDone.status, 'succeeded', 'the replay woke the worker and the run ran');
    assert.equal(bigDone.outcome, 'Big');
    assert.equal(bigDone.trigger.event_id, 'evt_small');

    const again = await api.post<ReplayAnswer>('/api/v1/events/evt_small/replay', { force: false });
    assert.deepEqual(again.body.results.map((result) => result.result), ['already_ran', 'already_ran', 'already_ran']);

    const firstBefore = await api.get<{ run: RunBody; steps: unknown[] }>(`/api/v1/runs/${first}`);
    const forced = await api.post<ReplayAnswer>('/api/v1/events/evt_small/replay', { force: true });
    assert.equal(forced.status, 200, forced.text);
    const generations = Object.fromEntries(forced.body.results.map((result) => [result.workflow, result.result === 'started' ? result.generation : result.result]));
    assert.deepEqual(generations, { 'big-refunds': 2, 'every-refund': 1, late: 2 });
    for (const result of forced.body.results) if (result.result === 'started') await api.t.waitForRun(result.run);
    const firstAfter = await api.get<{ run: RunBody; steps: unknown[] }>(`/api/v1/runs/${first}`);
    assert.deepEqual(firstAfter.body, firstBefore.body, 'the earlier run is untouched');

    const shown = await api.get<{ event: EventBody }>('/api/v1/events/evt_small');
    const history = shown.body.event.matches.map((match) => `${match.workflow} g${match.generation} ${match.run === null ? match.reason : 'run'}`);
    assert.deepEqual(history, ['big-refunds g0 condition_false', 'big-refunds g1 run', 'big-refunds g2 run', 'every-refund g0 run', 'every-refund g1 run', 'late g1 run', 'late g2 run']);
    assert.ok(shown.body.event.matches.every((match) => (match.generation === 0) === (match.replayed_at === null)), 'replays carry their time');
    const runs = await api.get<{ runs: RunBody[] }>('/api/v1/runs?event=evt_small');
    assert.equal(runs.body.runs.length, 6, 'every run the event started, on arrival and on replays');
  } finally {
    await api.close();
  }
});

test('two replays at once start one run where none existed', async () => {
  const api = await startApi();
  try {
    await api.postYaml('/api/v1/apply', LISTENERS);
    await api.t.system.app.stripeIntake.accept(refundEvent('evt_race', 5000), { connectorId: 'stripe', source: 'webhook' });
    await api.postYaml('/api/v1/apply', `
kind: Workflow
id: late
trigger: { type: event, event: charge.refunded }
steps:
  - { id: done, type: end, outcome: Late }
`);
    const answers = await Promise.all([1, 2, 3, 4].map(() => api.post<ReplayAnswer>('/api/v1/events/evt_race/replay')));
    const late = answers.map((answer) => byWorkflow(answer.body.results).late?.result);
    assert.deepEqual(late.filter((result) => result === 'started').length, 1, `one replay started late: ${late.join(', ')}`);
    assert.deepEqual(late.filter((result) => result === 'already_ran').length, 3);
    const runs = await api.get<{ runs: RunBody[] }>('/api/v1/runs?event=evt_race&workflow=late');
    assert.equal(runs.body.runs.length, 1);
  } finally {
    await api.close();
  }
});

test('a forced replay calls out with new idempotency keys; the first run keeps its own', async () => {
  const counter = await startCountingServer();
  const api = await startApi();
  try {
    await api.postYaml('/api/v1/apply', `
kind: Workflow
id: notify
trigger: { type: event, event: charge.refunded }
steps:
  - id: call
    type: action
    uses: http.request
    with: { method: POST, url: "${counter.url}/refunded", body: { run: "{{ run.id }}" } }
`);
    const received = await api.t.system.app.stripeIntake.accept(refundEvent('evt_keys', 700), { connectorId: 'stripe', source: 'webhook' });
    const first = received.runs[0] ?? '';
    assert.equal((await api.t.waitForRun(first)).status, 'succeeded');
    const forced = await api.post<ReplayAnswer>('/api/v1/events/evt_keys/replay', { force: true });
    const [replayed] = forced.body.results;
    assert.equal(replayed?.result, 'started');
    const second = replayed?.result === 'started' ? replayed.run : '';
    assert.notEqual(second, first);
    assert.equal((await api.t.waitForRun(second)).status, 'succeeded');
    assert.deepEqual(
      counter.requests.map((request) => request.idempotencyKey),
      [`tg:${first}:call`, `tg:${second}:call`],
      'each run calls once, with a key of its own',
    );
  } finally {
    await api.close();
    await counter.close();
  }
});

test('replay: an unknown event is 404, a bad body 400, and only who manages runs may replay (recorded by email)', async () => {
  const api = await startApi({ auth: 'required' });
  try {
    const editor = await userWithKey(api.t.system.app, 'ed@example.com', ['editor']);
    const viewer = await userWithKey(api.t.system.app, 'vi@example.com', ['viewer']);
    await api.call({ method: 'POST', url: '/api/v1/apply', headers: { ...bearer(editor.key), 'content-type': 'application/yaml' }, payload: LISTENERS.replace('>= 1000', '>= 100') });
    await api.t.system.app.stripeIntake.accept(refundEvent('evt_auth', 500), { connectorId: 'stripe', source: 'webhook' });

    const refused = await api.call<ErrorBody>({ method: 'POST', url: '/api/v1/events/evt_auth/replay', headers: bearer(viewer.key), payload: {} });
    assert.equal(refused.status, 403, refused.text);
    const missing = await api.call<ErrorBody>({ method: 'POST', url: '/api/v1/events/evt_nope/replay', headers: bearer(editor.key), payload: {} });
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.code, 'event_not_found');
    const bad = await api.call<ErrorBody>({ method: 'POST', url: '/api/v1/events/evt_auth/replay', headers: bearer(editor.key), payload: { force: 'yes' } });
    assert.equal(bad.status, 400);
    assert.match(bad.text, /force/);

    const forced = await api.call<ReplayAnswer>({ method: 'POST', url: '/api/v1/events/evt_auth/replay', headers: bearer(editor.key), payload: { force: true } });
    assert.equal(forced.status, 200, forced.text);
    const shown = await api.call<{ event: EventBody }>({ method: 'GET', url: '/api/v1/events/evt_auth', headers: bearer(viewer.key) });
    const replays = shown.body.event.matches.filter((match) => match.generation > 0);
    assert.equal(replays.length, 2);
    assert.ok(replays.every((match) => match.replayed_by === 'ed@example.com'));
  } finally {
    await api.close();
  }
});
