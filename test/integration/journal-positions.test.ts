// Issue 13: a step commit hands out journal positions in memory, from the run's
// locked row, and writes the counter back in the run's update it makes anyway.
// Whoever writes a run's journal (step commits in a batch, a branch's end, a
// wake of its timers), positions stay unique and in the order rows were written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { invokeWorkflow } from '../../src/application/run-admin.ts';
import { ManualClock } from '../../src/core/clock.ts';
import { inspectDatabase } from '../../src/store/inspect.ts';
import { pollUntil } from '../support/poll-until.ts';
import { createTestSystem } from '../support/test-system.ts';

const WORKFLOW = `
kind: Workflow
id: positions
trigger: { type: manual }
steps:
  - { id: start, type: set, values: { n: 1 } }
  - id: both
    type: parallel
    branches:
      - steps:
          - { id: a, type: set, values: { a: 1 } }
          - { id: a_nap, type: wait, for: 1h }
      - steps:
          - { id: b, type: set, values: { b: 2 } }
  - { id: loop, type: foreach, items: "[1, 2, 3]", as: item, concurrency: 3, steps: [{ id: x, type: set, values: { y: "{{ item }}" } }] }
  - { id: done, type: end, outcome: Done }
`;

test('journal positions stay unique and in writing order, whoever writes the run journal', async () => {
  const clock = new ManualClock();
  const t = await createTestSystem({ clock });
  try {
    await t.apply(WORKFLOW);
    const run = await invokeWorkflow(t.system.app, { workflowId: 'positions', input: {} });
    await pollUntil(() => t.system.store.wakeTimers({ runId: run.id, now: clock.now(), by: 'tester' }), (woken) => woken.kind === 'woken', { what: 'the nap asleep' });
    const finished = await t.waitForRun(run.id);
    assert.equal(finished.outcome, 'Done');
    const db = inspectDatabase(t.system.store);
    const rows = await db.selectFrom('step_attempts').select(['step_path', 'step_type', 'position']).where('run_id', '=', run.id).orderBy('position').execute();
    const positions = rows.map((row) => Number(row.position));
    assert.equal(new Set(positions).size, rows.length, `every row has its own position: ${JSON.stringify(rows)}`);
    const at = (stepPath: string) => rows.findIndex((row) => row.step_path === stepPath);
    assert.ok(at('start') < at('both'), 'the first step before the parallel');
    assert.ok(rows.some((row) => row.step_type === 'wake'), 'the wake wrote its row');
    assert.ok(at('both/0/a_nap') < at('loop'), 'the branch ended before the foreach began');
    assert.ok(at('loop') < at('done'), 'the end last');
    assert.equal(rows.at(-1)?.step_path, 'done');
    const counter = await db.selectFrom('runs').select('last_position').where('id', '=', run.id).executeTakeFirstOrThrow();
    assert.ok(Number(counter.last_position) >= Math.max(...positions), 'the run counter is past every position taken');
  } finally {
    await t.close();
  }
});
