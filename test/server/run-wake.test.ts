import { test } from 'node:test';
import assert from 'node:assert/strict';
import { wakePolicyOf } from '../../src/application/wake-run.ts';
import type { ErrorBody, RunBody, StepAttemptBody } from '../../src/server/response-schemas.ts';
import { startCountingServer } from '../support/counting-server.ts';
import { pollUntil } from '../support/poll-until.ts';
import { startApi } from './api-harness.ts';
import { bearer, userWithKey } from './identity-fixtures.ts';
import { flakyWorkflow, SLOW_WORKFLOW } from '../support/run-control-workflows.ts';

interface WakeAnswer {
  run: RunBody;
  woken: { step: string; due_at: string }[];
}
interface RunDetailAnswer {
  run: RunBody;
  steps: StepAttemptBody[];
  path: { step: string; type: string; status: string; attempts: number }[];
  can_wake: boolean;
}

const DAY_MS = 86_400_000;

test('a run waiting 2 days is woken now: the wait ends, the action runs, the run succeeds; the journal says who woke it', async () => {
  const counter = await startCountingServer();
  const api = await startApi({ auth: 'required' });
  try {
    const editor = await userWithKey(api.t.system.app, 'ed@example.com', ['editor']);
    const viewer = await userWithKey(api.t.system.app, 'vi@example.com', ['viewer']);
    const as = (key: string) => ({ headers: { ...bearer(key), 'content-type': 'application/json' }, payload: {} });
    await api.t.apply(`
kind: Workflow
id: follow-up
trigger: { type: manual }
steps:
  - { id: two_days, type: wait, for: 2d }
  - id: remind
    type: action
    uses: http.request
    with: { method: POST, url: "${counter.url}/remind", body: { run: "{{ run.id }}" } }
`);
    const invoked = await api.call<{ run: RunBody }>({ method: 'POST', url: '/api/v1/workflows/follow-up/runs', ...as(editor.key) });
    const runId = invoked.body.run.id;
    await api.t.waitForRun(runId, { untilStatus: 'waiting' });

    const waitingDetail = await api.call<RunDetailAnswer>({ method: 'GET', url: `/api/v1/runs/${runId}`, headers: bearer(viewer.key) });
    assert.equal(waitingDetail.body.can_wake, true, 'the sandbox setup lets a wait on time be ended now');
    const refused = await api.call<ErrorBody>({ method: 'POST', url: `/api/v1/runs/${runId}/wake`, ...as(viewer.key) });
    assert.equal(refused.status, 403, 'a viewer does not manage runs');

    const woken = await api.call<WakeAnswer>({ method: 'POST', url: `/api/v1/runs/${runId}/wake`, ...as(editor.key) });
    assert.equal(woken.status, 200, woken.text);
    assert.deepEqual(woken.body.woken.map((step) => step.step), ['two_days']);
    const dueIn = Date.parse(woken.body.woken[0]?.due_at ?? '') - Date.now();
    assert.ok(dueIn > DAY_MS, `it was due in 2 days (${dueIn} ms)`);

    const done = await api.t.waitForRun(runId);
    assert.equal(done.status, 'succeeded');
    assert.deepEqual(counter.requests.map((request) => request.path), ['/remind']);
    const detail = await api.call<RunDetailAnswer>({ method: 'GET', url: `/api/v1/runs/${runId}`, headers: bearer(viewer.key) });
    const wait = detail.body.steps.find((step) => step.step_path === 'two_days' && step.step_type === 'wait');
    assert.equal(wait?.status, 'succeeded');
    assert.ok(Date.parse((wait?.output as { waited_until: string }).waited_until) < Date.now() + 1000, 'the wait ended now, not in 2 days');
    const wake = detail.body.steps.find((step) => step.step_type === 'wake');
    assert.equal(wake?.step_path, 'two_days');
    assert.equal((wake?.output as { woken_by: string }).woken_by, 'ed@example.com');
    assert.equal(detail.body.can_wake, false, 'nothing waits any more');
    // The summary's path counts the wake as a note, not as an attempt of the wait.
    assert.deepEqual(
      detail.body.path.map((entry) => [entry.step, entry.type, entry.status, entry.attempts]),
      [['two_days', 'wait', 'succeeded', 1], ['remind', 'action', 'succeeded', 1]],
    );

    const again = await api.call<ErrorBody>({ method: 'POST', url: `/api/v1/runs/${runId}/wake`, ...as(editor.key) });
    assert.equal(again.status, 409);
    assert.equal(again.body.error.code, 'run_not_waiting_on_time');
    assert.match(again.body.error.message, /succeeded/);
    const missing = await api.call<ErrorBody>({ method: 'POST', url: '/api/v1/runs/run_nope/wake', ...as(editor.key) });
    assert.equal(missing.status, 404);
  } finally {
    await api.close();
    await counter.close();
  }
});

test('an approval with a timeout is woken into its timeout path; one without a timeout is not waiting on time', async () => {
  const api = await startApi();
  try {
    await api.t.apply(`
kind: Team
id: finance
members: [{ email: fin@example.com }]
---
kind: Workflow
id: review
trigger: { type: manual }
steps:
  - id: ask
    type: approval
    assignee: { team: finance }
    timeout: 3d
    on_timeout: reject
    on: { approved: yes, rejected: no }
  - { id: yes, type: end, outcome: Approved }
  - { id: no, type: end, outcome: Rejected }
---
kind: Workflow
id: patient
trigger: { type: manual }
steps:
  - id: ask
    type: approval
    assignee: { team: finance }
  - { id: done, type: end, outcome: Done }
`);
    const timed = await api.post<{ run: RunBody }>('/api/v1/workflows/review/runs');
    await api.t.waitForRun(timed.body.run.id, { untilStatus: 'waiting' });
    const woken = await api.post<WakeAnswer>(`/api/v1/runs/${timed.body.run.id}/wake`);
    assert.equal(woken.status, 200, woken.text);
    const ended = await api.t.waitForRun(timed.body.run.id);
    assert.equal(ended.outcome, 'Rejected', 'the timeout rejected it, as when 3 days pass');

    const patient = await api.post<{ run: RunBody }>('/api/v1/workflows/patient/runs');
    await api.t.waitForRun(patient.body.run.id, { untilStatus: 'waiting' });
    const refused = await api.post<ErrorBody>(`/api/v1/runs/${patient.body.run.id}/wake`);
    assert.equal(refused.status, 409);
    assert.equal(refused.body.error.code, 'run_not_waiting_on_time');
    assert.match(refused.body.error.message, /waiting: it waits on ask \(an approval decision, with no timeout\)/);
  } finally {
    await api.close();
  }
});

test('a retry backoff is woken: the next attempt runs now', async () => {
  const api = await startApi();
  try {
    await api.t.apply(await flakyWorkflow({ retry: '{ attempts: 2, backoff: 1h, max_delay: 1h }' }));
    const invoked = await api.post<{ run: RunBody }>('/api/v1/workflows/flaky/runs');
    const runId = invoked.body.run.id;
    await pollUntil(() => api.get<RunDetailAnswer>(`/api/v1/runs/${runId}`), (answer) => answer.body.steps.some((step) => step.status === 'retrying'), { what: 'the first attempt failed' });
    const woken = await api.post<WakeAnswer>(`/api/v1/runs/${runId}/wake`);
    assert.equal(woken.status, 200, woken.text);
    const failed = await api.t.waitForRun(runId);
    assert.equal(failed.status, 'failed', 'the second and last attempt ran now, and failed');
    const detail = await api.get<RunDetailAnswer>(`/api/v1/runs/${runId}`);
    assert.deepEqual(detail.body.steps.map((step) => `${step.step_type}:${step.attempt}:${step.status}`), ['action:1:retrying', 'wake:0:succeeded', 'action:2:failed']);
  } finally {
    await api.close();
  }
});

test('a live Stripe key refuses to wake runs unless TOLLGATE_ALLOW_WAKE=true', async () => {
  assert.deepEqual(wakePolicyOf({ stripeSecretKey: undefined, allowWake: false }), { allowed: true }, 'the built-in sandbox');
  assert.deepEqual(wakePolicyOf({ stripeSecretKey: 'sk_test_123', allowWake: false }), { allowed: true });
  assert.deepEqual(wakePolicyOf({ stripeSecretKey: 'rk_test_123', allowWake: false }), { allowed: true });
  assert.deepEqual(wakePolicyOf({ stripeSecretKey: 'sk_live_123', allowWake: true }), { allowed: true });
  const api = await startApi();
  try {
    await api.t.apply(SLOW_WORKFLOW);
    const invoked = await api.post<{ run: RunBody }>('/api/v1/workflows/slow/runs');
    await api.t.waitForRun(invoked.body.run.id, { untilStatus: 'waiting' });
    api.t.system.app.wakePolicy = wakePolicyOf({ stripeSecretKey: 'sk_live_123', allowWake: false });
    const refused = await api.post<ErrorBody>(`/api/v1/runs/${invoked.body.run.id}/wake`);
    assert.equal(refused.status, 409);
    assert.equal(refused.body.error.code, 'wake_not_allowed');
    assert.match(refused.body.error.message, /TOLLGATE_ALLOW_WAKE=true/);
    const still = await api.get<RunDetailAnswer>(`/api/v1/runs/${invoked.body.run.id}`);
    assert.equal(still.body.run.status, 'waiting');
    assert.equal(still.body.can_wake, false, 'a live setup offers no wake');
  } finally {
    await api.close();
  }
});
