import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { invokeWorkflow } from '../../src/application/run-admin.ts';
import { createTestSystem, type TestSystem } from '../support/test-system.ts';
import { startScriptedServer } from '../support/scripted-server.ts';

void describe('parallel, foreach and workflow steps', () => {
  let t: TestSystem;
  let server: Awaited<ReturnType<typeof startScriptedServer>>;
  before(async () => {
    t = await createTestSystem();
    server = await startScriptedServer();
  });
  after(async () => {
    await t.close();
    await server.close();
  });

  void it('parallel join all waits for every branch and collects their outputs', async () => {
    await t.apply(`
kind: Workflow
id: fan
trigger: { type: manual }
steps:
  - id: fanout
    type: parallel
    branches:
      - steps:
          - { id: a, type: set, values: { a: 1 } }
          - { id: a_call, type: action, uses: http.request, with: { url: "${server.url}/a" } }
      - steps:
          - { id: b, type: set, values: { b: 2 } }
  - id: total
    type: set
    values: { sum: "{{ fanout[0].status + fanout[1].b }}" }
`);
    const run = await invokeWorkflow(t.system.app, { workflowId: 'fan', input: {} });
    const finished = await t.waitForRun(run.id);
    assert.equal(finished.status, 'succeeded', JSON.stringify(finished.error));
    assert.equal(finished.variables.sum, 202, 'after the container, its output holds each branch result');
    assert.equal(finished.variables.b, undefined, 'what a branch sets stays in its scope');
    const fanout = finished.variables.fanout as unknown[];
    assert.equal(fanout.length, 2);
    assert.equal((fanout[0] as { status: number }).status, 200);
    assert.deepEqual(fanout[1], { b: 2 });
    const paths = (await t.system.store.listAttempts(run.id)).map((a) => a.stepPath);
    assert.ok(paths.includes('fanout/0/a_call') && paths.includes('fanout/1/b'));
    assert.equal(server.requests.find((r) => r.path === '/a')?.headers['idempotency-key'], `tg:${run.id}:fanout/0/a_call`);
  });

  void it('parallel join any goes on after the first branch and drops the rest', async () => {
    await t.apply(`
kind: Workflow
id: race
trigger: { type: manual }
steps:
  - id: first_wins
    type: parallel
    join: any
    branches:
      - steps:
          - { id: slow, type: wait, for: 1h }
      - steps:
          - { id: fast, type: set, values: { winner: fast } }
`);
    const run = await invokeWorkflow(t.system.app, { workflowId: 'race', input: {} });
    const finished = await t.waitForRun(run.id);
    assert.equal(finished.status, 'succeeded');
    assert.deepEqual(finished.variables.first_wins, { branch: 1, output: { winner: 'fast' } });
    assert.equal(await t.system.store.nextDueAt(), undefined, 'the slow branch was dropped from the queue');
  });

  void it('foreach runs its body per item with per-iteration paths and keys, concurrency-bounded', async () => {
    await t.apply(`
kind: Workflow
id: each
trigger: { type: manual }
steps:
  - id: seed
    type: set
    values: { orders: [{ id: o1, amount: 5 }, { id: o2, amount: 7 }, { id: o3, amount: 11 }] }
  - id: loop
    type: foreach
    items: orders
    as: order
    concurrency: 2
    steps:
      - id: notify
        type: action
        uses: http.request
        with: { method: POST, url: "${server.url}/each", body: { order: "{{ order.id }}", index: "{{ order_index }}" } }
      - id: doubled
        type: set
        values: { last: "{{ order.amount * 2 }}" }
`);
    const run = await invokeWorkflow(t.system.app, { workflowId: 'each', input: {} });
    const finished = await t.waitForRun(run.id);
    assert.equal(finished.status, 'succeeded', JSON.stringify(finished.error));
    assert.deepEqual(finished.variables.loop, [{ last: 10 }, { last: 14 }, { last: 22 }]);
    const calls = server.requests.filter((r) => r.path === '/each');
    assert.deepEqual(calls.map((c) => JSON.parse(c.body) as unknown).sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y))), [
      { order: 'o1', index: 0 },
      { order: 'o2', index: 1 },
      { order: 'o3', index: 2 },
    ]);
    assert.deepEqual(calls.map((c) => c.headers['idempotency-key']).sort(), [0, 1, 2].map((i) => `tg:${run.id}:loop/${i}/notify`));
  });

  void it('foreach over an empty list goes straight on', async () => {
    await t.apply(`
kind: Workflow
id: none
trigger: { type: manual }
steps:
  - { id: loop, type: foreach, items: "[]", steps: [{ id: x, type: set, values: { y: 1 } }] }
`);
    const run = await invokeWorkflow(t.system.app, { workflowId: 'none', input: {} });
    const finished = await t.waitForRun(run.id);
    assert.equal(finished.status, 'succeeded');
    assert.deepEqual(finished.variables.loop, []);
  });

  void it('a workflow step runs a child workflow and maps its outcome', async () => {
    await t.apply(`
kind: Workflow
id: child
trigger: { type: manual, input: [{ key: n, type: number, required: true }] }
steps:
  - { id: square, type: set, values: { squared: "{{ n * n }}" } }
  - { id: done, type: end, outcome: Squared }
---
kind: Workflow
id: parent
trigger: { type: manual }
steps:
  - id: call_child
    type: workflow
    workflow: child
    input: { n: 12 }
    output: result
  - id: after
    type: set
    values: { got: "{{ result.variables.squared }}", outcome: "{{ result.outcome }}" }
`);
    const run = await invokeWorkflow(t.system.app, { workflowId: 'parent', input: {} });
    const finished = await t.waitForRun(run.id);
    assert.equal(finished.status, 'succeeded', JSON.stringify(finished.error));
    assert.equal(finished.variables.got, 144);
    assert.equal(finished.variables.outcome, 'Squared');
    const { runs } = await t.system.store.listRuns({ workflowId: 'child', limit: 10 });
    assert.equal(runs.length, 1, 'one child run');
    assert.equal(runs[0]?.parentRunId, run.id);
  });
});
