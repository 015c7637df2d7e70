import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../src/core/clock.ts';
import type { WorkflowListItemBody } from '../../src/server/workflow-list-schemas.ts';
import { startApi, TRIAGE_YAML } from './api-harness.ts';
import { flakyWorkflow } from '../support/run-control-workflows.ts';

type ListAnswer = { workflows: WorkflowListItemBody[] };
type RunAnswer = { run: { id: string } };

const HOUR = 3_600_000;

test('the workflows list gives each workflow its trigger, newest run and failures in the last 24 hours', async () => {
  const clock = new ManualClock(new Date('2026-03-01T10:00:00Z'));
  const api = await startApi({ clock });
  try {
    await api.postYaml('/api/v1/apply', TRIAGE_YAML);
    await api.postYaml('/api/v1/apply', `${await flakyWorkflow()}---
kind: Workflow
id: nightly
trigger: { type: schedule, cron: "0 2 1 1 *", timezone: Europe/Paris }
steps:
  - { id: done, type: end, outcome: Done }
---
kind: Workflow
id: on-payment
trigger: { type: event, event: [payment_intent.succeeded, charge.refunded], when: object.amount > 100 }
steps:
  - { id: done, type: end, outcome: Done }
---
kind: Workflow
id: hook
trigger: { type: webhook, secret: whsec_do_not_show }
steps:
  - { id: done, type: end, outcome: Done }
---
kind: Workflow
id: open-hook
trigger: { type: webhook }
steps:
  - { id: done, type: end, outcome: Done }
`);
    // A failure 25 hours ago is outside the window; two within it count.
    await runAndSettle(api, 'flaky');
    clock.advance(25 * HOUR);
    await runAndSettle(api, 'flaky');
    clock.advance(HOUR);
    const newest = await runAndSettle(api, 'flaky');
    const sized = await api.post<RunAnswer>('/api/v1/workflows/triage/runs', { input: { amount: 900 } });
    await api.t.settle();

    const answer = await api.get<ListAnswer>('/api/v1/workflows');
    assert.equal(answer.status, 200, answer.text);
    const byId = new Map(answer.body.workflows.map((workflow) => [workflow.id, workflow]));
    assert.deepEqual([...byId.keys()], ['flaky', 'hook', 'nightly', 'on-payment', 'open-hook', 'triage'], 'ordered by id');

    const flaky = byId.get('flaky');
    assert.equal(flaky?.failures_24h, 2);
    assert.equal(flaky?.last_run?.id, newest);
    assert.equal(flaky?.last_run?.status, 'failed');
    assert.equal(flaky?.last_run?.created_at, clock.now().toISOString());
    assert.deepEqual(flaky?.trigger, { type: 'manual' });

    const triage = byId.get('triage');
    assert.equal(triage?.last_run?.id, sized.body.run.id);
    assert.equal(triage?.last_run?.status, 'succeeded');
    assert.equal(triage?.failures_24h, 0);

    assert.deepEqual(byId.get('nightly')?.trigger, { type: 'schedule', cron: '0 2 1 1 *', timezone: 'Europe/Paris' });
    assert.equal(byId.get('nightly')?.last_run, null, 'never ran');
    assert.equal(byId.get('nightly')?.failures_24h, 0);
    assert.equal(byId.get('nightly')?.next_run_at, '2027-01-01T01:00:00.000Z', "02:00 in Paris on 1 January, the next one after today's clock");
    assert.deepEqual(
      answer.body.workflows.filter((workflow) => workflow.id !== 'nightly').map((workflow) => workflow.next_run_at),
      [null, null, null, null, null],
      'no other trigger has a next run',
    );
    assert.deepEqual(byId.get('on-payment')?.trigger, { type: 'event', events: ['payment_intent.succeeded', 'charge.refunded'], when: 'object.amount > 100' });
    assert.deepEqual(byId.get('hook')?.trigger, { type: 'webhook', signed: true, path: '/webhooks/workflows/hook', url: null }, 'the webhook secret is left out; that it has one is said');
    assert.deepEqual(byId.get('open-hook')?.trigger, { type: 'webhook', signed: false, path: '/webhooks/workflows/open-hook', url: null }, 'no public URL is set: the web app uses its own address');
    assert.ok(!answer.text.includes('whsec_do_not_show'));
  } finally {
    await api.close();
  }
});

test("with TOLLGATE_PUBLIC_URL, a webhook workflow's inbound URL is answered whole, on it", async () => {
  const api = await startApi({ publicUrl: 'https://tollgate.example.com/ops/' });
  try {
    const applied = await api.postYaml('/api/v1/apply', `
kind: Workflow
id: hook
trigger: { type: webhook }
steps:
  - { id: done, type: end, outcome: Done }
`);
    assert.equal(applied.status, 200, applied.text);
    const answer = await api.get<ListAnswer>('/api/v1/workflows');
    assert.equal(answer.status, 200, answer.text);
    assert.deepEqual(answer.body.workflows.find((workflow) => workflow.id === 'hook')?.trigger, {
      type: 'webhook',
      signed: false,
      path: '/webhooks/workflows/hook',
      url: 'https://tollgate.example.com/ops/webhooks/workflows/hook',
    });
  } finally {
    await api.close();
  }
});

test("a scheduled workflow's next run is the tick the engine fires next, in its time zone; it moves on once fired; only an active workflow has one", async () => {
  // Friday 27 March 2026; Paris moves to summer time on Sunday the 29th.
  const clock = new ManualClock(new Date('2026-03-27T07:10:00Z'));
  const api = await startApi({ clock });
  // The test fires the schedules itself: a tick of the runner's own timer, begun before the clock moves, would be joined by
  // the fireDue below and fire nothing (it read the clock before), as happened once on a loaded machine.
  await api.t.system.schedules.stop();
  try {
    const applied = await api.postYaml('/api/v1/apply', `
kind: Workflow
id: every-quarter-hour
trigger: { type: schedule, cron: "*/15 * * * *" }
steps:
  - { id: done, type: end, outcome: Done }
---
kind: Workflow
id: paris-mornings
trigger: { type: schedule, cron: "0 9 * * 1-5", timezone: Europe/Paris }
steps:
  - { id: done, type: end, outcome: Done }
`);
    assert.equal(applied.status, 200, applied.text);
    const drafted = await api.postYaml('/api/v1/apply?draft=true', 'kind: Workflow\nid: drafted\ntrigger: { type: schedule, cron: "0 * * * *" }\nsteps:\n  - { id: done, type: end, outcome: Done }\n');
    assert.equal(drafted.status, 200, drafted.text);
    const nextRuns = async () => {
      const answer = await api.get<ListAnswer>('/api/v1/workflows');
      assert.equal(answer.status, 200, answer.text);
      return Object.fromEntries(answer.body.workflows.map((workflow) => [workflow.id, workflow.next_run_at]));
    };
    assert.deepEqual(await nextRuns(), { drafted: null, 'every-quarter-hour': '2026-03-27T07:15:00.000Z', 'paris-mornings': '2026-03-27T08:00:00.000Z' }, '09:00 in Paris is 08:00 UTC in winter; a draft has none');

    clock.set(new Date('2026-03-27T08:00:30Z'));
    await api.t.system.schedules.fireDue();
    assert.deepEqual(
      await nextRuns(),
      { drafted: null, 'every-quarter-hour': '2026-03-27T08:15:00.000Z', 'paris-mornings': '2026-03-30T07:00:00.000Z' },
      'fired: the missed quarters fold into one, and Monday 09:00 in Paris is 07:00 UTC in summer',
    );

    const deactivated = await api.post('/api/v1/workflows/paris-mornings/deactivate');
    assert.equal(deactivated.status, 200, deactivated.text);
    assert.equal((await nextRuns())['paris-mornings'], null, 'an inactive workflow has no next run');
  } finally {
    await api.close();
  }
});

test('the workflows list shows the trigger of the active version, not of a newer draft', async () => {
  const api = await startApi();
  try {
    await api.postYaml('/api/v1/apply', TRIAGE_YAML);
    await api.postYaml('/api/v1/apply?draft=true', TRIAGE_YAML.replace('type: manual\n  input:\n    - { key: amount, type: number, required: true }', 'type: schedule\n  cron: "*/5 * * * *"'));
    const answer = await api.get<ListAnswer>('/api/v1/workflows');
    assert.deepEqual(answer.body.workflows[0]?.trigger, { type: 'manual' });
    assert.equal(answer.body.workflows[0]?.active_version, 1);
  } finally {
    await api.close();
  }
});

async function runAndSettle(api: Awaited<ReturnType<typeof startApi>>, workflow: string): Promise<string> {
  const started = await api.post<RunAnswer>(`/api/v1/workflows/${workflow}/runs`);
  assert.equal(started.status, 202, started.text);
  await api.t.settle();
  return started.body.run.id;
}

/** A local port nothing listens on: connecting to it is refused at once. */
