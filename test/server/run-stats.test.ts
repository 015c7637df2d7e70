import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../src/core/clock.ts';
import type { z } from 'zod';
import type { workflowGraphResponseSchema } from '../../src/server/graph-schemas.ts';
import type { ErrorBody, RunBody } from '../../src/server/response-schemas.ts';
import type { RunStatsBody } from '../../src/server/stats-schemas.ts';
import { startApi } from './api-harness.ts';
import { CATALOG_YAML, GOOD_REFUND } from './catalog-fixture.ts';

interface RunListAnswer {
  runs: RunBody[];
  next_cursor: string | null;
}

type WorkflowGraphResponse = z.output<typeof workflowGraphResponseSchema>;

const COUNTED = `
kind: Workflow
id: passes
title: Passes
trigger: { type: manual }
steps:
  - { id: done, type: end, outcome: Done }
---
kind: Workflow
id: breaks
title: Breaks
trigger: { type: manual }
steps:
  - { id: broken, type: end, outcome: Broken, status: failed }
`;

test('run stats count runs per hour of their start and per workflow, with how many succeeded and failed', async () => {
  const clock = new ManualClock(new Date('2026-03-10T12:30:00Z'));
  const api = await startApi({ clock });
  try {
    assert.equal((await api.postYaml('/api/v1/apply', COUNTED)).status, 200);
    // One run 8 days ago: outside the 7-day window.
    clock.set(new Date('2026-03-02T09:00:00Z'));
    await api.post('/api/v1/workflows/passes/runs');
    // Two passing and one failing run at 10:xx two days ago, one failing run in the current hour.
    clock.set(new Date('2026-03-08T10:05:00Z'));
    await api.post('/api/v1/workflows/passes/runs');
    await api.post('/api/v1/workflows/breaks/runs');
    clock.set(new Date('2026-03-08T10:55:00Z'));
    await api.post('/api/v1/workflows/passes/runs');
    clock.set(new Date('2026-03-10T12:10:00Z'));
    await api.post('/api/v1/workflows/breaks/runs');
    await api.t.settle();
    clock.set(new Date('2026-03-10T12:30:00Z'));

    const stats = await api.get<RunStatsBody>('/api/v1/stats/runs?days=7');
    assert.equal(stats.status, 200, stats.text);
    assert.equal(stats.body.hours.length, 7 * 24, 'every hour of the window, empty ones too');
    assert.equal(stats.body.since, '2026-03-03T13:00:00.000Z');
    assert.equal(stats.body.hours.at(-1)?.hour, '2026-03-10T12:00:00.000Z', 'the current hour last');
    const busy = stats.body.hours.find((hour) => hour.hour === '2026-03-08T10:00:00.000Z');
    assert.deepEqual(busy, { hour: '2026-03-08T10:00:00.000Z', started: 3, succeeded: 2, failed: 1 });
    assert.deepEqual(stats.body.hours.at(-1), { hour: '2026-03-10T12:00:00.000Z', started: 1, succeeded: 0, failed: 1 });
    assert.equal(stats.body.hours.reduce((sum, hour) => sum + hour.started, 0), 4, 'the run 8 days ago is not counted');
    assert.deepEqual(stats.body.workflows, [
      { workflow: 'breaks', title: 'Breaks', started: 2, succeeded: 0, failed: 2 },
      { workflow: 'passes', title: 'Passes', started: 2, succeeded: 2, failed: 0 },
    ]);

    const defaulted = await api.get<RunStatsBody>('/api/v1/stats/runs');
    assert.equal(defaulted.body.hours.length, 7 * 24, 'seven days unless asked');
    const oneDay = await api.get<RunStatsBody>('/api/v1/stats/runs?days=1');
    assert.equal(oneDay.body.hours.length, 24);
    assert.deepEqual(oneDay.body.workflows, [{ workflow: 'breaks', title: 'Breaks', started: 1, succeeded: 0, failed: 1 }]);

    const refused = await api.get<ErrorBody>('/api/v1/stats/runs?days=0');
    assert.equal(refused.status, 400);
    assert.match(refused.body.error.message, /days/);
  } finally {
    await api.close();
  }
});

test('the run list filters by the event that started the run, by catalog request, and by when it ended', async () => {
  const clock = new ManualClock(new Date('2026-03-10T12:00:00Z'));
  const api = await startApi({ clock });
  try {
    assert.equal((await api.postYaml('/api/v1/apply', `${CATALOG_YAML}
---
kind: Workflow
id: on-refund
trigger: { type: event, event: charge.refunded }
steps:
  - { id: done, type: end, outcome: Seen }
`)).status, 200);
    const event = (id: string) => ({ id, type: 'charge.refunded', livemode: false, created: 1_700_000_000, data: { object: { id: `ch_${id}`, object: 'charge', amount_refunded: 100 } } });
    const first = await api.t.system.app.stripeIntake.accept(event('evt_first'), { connectorId: 'stripe', source: 'webhook' });
    await api.t.settle();
    clock.advance(60_000);
    await api.t.system.app.stripeIntake.accept(event('evt_second'), { connectorId: 'stripe', source: 'webhook' });
    clock.advance(60_000);
    const submitted = await api.post<{ request: { id: string }; run: RunBody }>('/api/v1/catalog/offerings/refund/requests', { values: GOOD_REFUND, requester: 'pat@example.com' });
    assert.equal(submitted.status, 201, submitted.text);
    await api.t.settle();

    const byEvent = await api.get<RunListAnswer>('/api/v1/runs?event=evt_first');
    assert.equal(byEvent.status, 200, byEvent.text);
    assert.deepEqual(byEvent.body.runs.map((run) => run.id), first.runs);
    const noEvent = await api.get<RunListAnswer>('/api/v1/runs?event=evt_unknown');
    assert.deepEqual(noEvent.body.runs, []);

    const byRequest = await api.get<RunListAnswer>(`/api/v1/runs?request=${submitted.body.request.id}`);
    assert.deepEqual(byRequest.body.runs.map((run) => run.id), [submitted.body.run.id]);
    assert.equal(byRequest.body.runs[0]?.request, submitted.body.request.id);

    const ended = await api.get<RunListAnswer>('/api/v1/runs?finished_after=2026-03-10T12:01:00Z');
    assert.ok(ended.body.runs.length >= 1, 'the second event run ended after 12:01');
    assert.ok(ended.body.runs.every((run) => run.finished_at !== null && run.finished_at >= '2026-03-10T12:01:00.000Z'), JSON.stringify(ended.body.runs));
    assert.ok(!ended.body.runs.some((run) => first.runs.includes(run.id)), 'the first event run ended at 12:00');

    const blank = await api.get<ErrorBody>('/api/v1/runs?event=');
    assert.equal(blank.status, 400);
  } finally {
    await api.close();
  }
});

const GRAPHED = `
kind: Workflow
id: graphed
trigger: { type: manual, input: [{ key: amount, type: number, required: true }] }
steps:
  - id: size
    type: decision
    branches:
      - { when: amount >= 500, next: fan }
    otherwise: small
  - id: fan
    type: parallel
    branches:
      - steps:
          - { id: left, type: set, values: { l: 1 } }
      - steps:
          - id: each
            type: foreach
            items: "[1, 2]"
            as: item
            steps:
              - { id: inner, type: set, values: { i: "{{ item }}" } }
    next: done
  - id: small
    title: Small one
    type: set
    values: { s: 1 }
  - { id: done, type: end, outcome: Done }
`;

test("a version's graph answers every step as a node and each way from one step to another as an edge", async () => {
  const api = await startApi();
  try {
    assert.equal((await api.postYaml('/api/v1/apply', GRAPHED)).status, 200);
    const graph = await api.get<WorkflowGraphResponse>('/api/v1/workflows/graphed/versions/1/graph');
    assert.equal(graph.status, 200, graph.text);
    assert.deepEqual(graph.body.nodes.map((node) => [node.id, node.type, node.parent]), [
      ['size', 'decision', null],
      ['fan', 'parallel', null],
      ['fan/0/left', 'set', 'fan'],
      ['fan/1/each', 'foreach', 'fan'],
      ['fan/1/each/*/inner', 'set', 'fan/1/each'],
      ['small', 'set', null],
      ['done', 'end', null],
    ]);
    assert.equal(graph.body.nodes.find((node) => node.id === 'small')?.title, 'Small one');
    const edges = graph.body.edges.map((edge) => `${edge.from} -${edge.kind}${edge.label === null ? '' : `(${edge.label})`}-> ${edge.to}`).sort();
    assert.deepEqual(edges, [
      'fan -nested(branch 1)-> fan/0/left',
      'fan -nested(branch 2)-> fan/1/each',
      'fan -next-> done',
      'fan/1/each -nested(each item)-> fan/1/each/*/inner',
      'size -branch(amount >= 500)-> fan',
      'size -otherwise(otherwise)-> small',
      'small -next-> done',
    ]);

    const missing = await api.get<ErrorBody>('/api/v1/workflows/graphed/versions/9/graph');
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.code, 'version_not_found');
  } finally {
    await api.close();
  }
});
