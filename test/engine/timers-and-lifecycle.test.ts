import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../src/core/clock.ts';
import { cancelRun, invokeWorkflow } from '../../src/application/run-admin.ts';
import { createTestSystem } from '../support/test-system.ts';

const waiting = `
kind: Workflow
id: later
trigger: { type: manual, input: [{ key: who, type: text, required: true }] }
steps:
  - id: pause
    type: wait
    for: 7d
  - id: done
    type: set
    values: { greeting: "hello {{ who }}" }
`;

void describe('timers, pinning, cancel, bad input', () => {
  void it('a wait step parks the run in the database until the clock passes its time', async () => {
    const clock = new ManualClock(new Date('2026-03-01T00:00:00Z'));
    const t = await createTestSystem({ clock });
    try {
      await t.apply(waiting);
      const run = await invokeWorkflow(t.system.app, { workflowId: 'later', input: { who: 'ops' } });
      const parked = await t.waitForRun(run.id, { untilStatus: 'waiting' });
      assert.equal(parked.status, 'waiting');
      assert.equal((await t.system.store.nextDueAt())?.toISOString(), '2026-03-08T00:00:00.000Z');
      clock.advance(6 * 86_400_000);
      await t.settle();
      assert.equal((await t.system.store.getRun(run.id))?.status, 'waiting', 'not before its time');
      clock.advance(86_400_000);
      const finished = await t.waitForRun(run.id);
      assert.equal(finished.status, 'succeeded');
      assert.equal(finished.variables.greeting, 'hello ops');
      const pause = (await t.system.store.listAttempts(run.id)).find((a) => a.stepId === 'pause');
      assert.equal(pause?.status, 'succeeded');
      assert.equal(pause?.attempt, 1, 'the timer is one journal row, written when it parked and again when it woke');
    } finally {
      await t.close();
    }
  });

  void it('cancel removes a parked run from the queue', async () => {
    const t = await createTestSystem({ clock: new ManualClock() });
    try {
      await t.apply(waiting);
      const run = await invokeWorkflow(t.system.app, { workflowId: 'later', input: { who: 'x' } });
      await t.waitForRun(run.id, { untilStatus: 'waiting' });
      const cancelled = await cancelRun(t.system.app, run.id);
      assert.equal(cancelled.status, 'cancelled');
      assert.equal(await t.system.store.nextDueAt(), undefined);
      await assert.rejects(cancelRun(t.system.app, run.id), { code: 'run_already_finished' });
    } finally {
      await t.close();
    }
  });

  void it('a run stays on the version it started on after a new publish', async () => {
    const clock = new ManualClock();
    const t = await createTestSystem({ clock });
    try {
      await t.apply(waiting);
      const run = await invokeWorkflow(t.system.app, { workflowId: 'later', input: { who: 'v1' } });
      await t.waitForRun(run.id, { untilStatus: 'waiting' });
      await t.apply(waiting.replace('hello {{ who }}', 'goodbye {{ who }}'));
      const workflow = await t.system.store.getWorkflow('later');
      assert.equal(workflow?.latestVersion, 2);
      clock.advance(8 * 86_400_000);
      const finished = await t.waitForRun(run.id);
      assert.equal(finished.version, 1);
      assert.equal(finished.variables.greeting, 'hello v1');
    } finally {
      await t.close();
    }
  });

  void it('refuses bad input with every field error and starts nothing', async () => {
    const t = await createTestSystem();
    try {
      await t.apply(`
kind: Workflow
id: typed
trigger:
  type: manual
  input:
    - { key: amount, type: number, required: true, min: 1 }
    - { key: email, type: email, required: true }
steps:
  - { id: done, type: end }
`);
      await assert.rejects(invokeWorkflow(t.system.app, { workflowId: 'typed', input: { amount: 'ten', email: 'nope', extra: 1 } }), (error: { code: string; issues: { path: string }[] }) => {
        assert.equal(error.code, 'input_invalid');
        assert.deepEqual(error.issues.map((issue) => issue.path).sort(), ['input.amount', 'input.email', 'input.extra']);
        return true;
      });
      await assert.rejects(invokeWorkflow(t.system.app, { workflowId: 'nope', input: {} }), { code: 'workflow_not_found' });
      assert.equal(await t.system.store.countRuns({}), 0);
    } finally {
      await t.close();
    }
  });

  void it('a hostile expression fails its step with a coded error instead of hanging the worker', async () => {
    const t = await createTestSystem();
    try {
      await t.apply(`
kind: Workflow
id: hostile
trigger: { type: manual }
steps:
  - id: spin
    type: set
    values: { x: "{{ ($f := function($n){ $f($n + 1) }; $f(0)) }}" }
`);
      const run = await invokeWorkflow(t.system.app, { workflowId: 'hostile', input: {} });
      const finished = await t.waitForRun(run.id);
      assert.equal(finished.status, 'failed');
      assert.equal(finished.error?.code, 'expression_limit_exceeded');
      assert.equal(finished.failedStep, 'spin');
    } finally {
      await t.close();
    }
  });
});
