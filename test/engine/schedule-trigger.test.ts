import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../src/core/clock.ts';
import { createTestSystem } from '../support/test-system.ts';

const hourly = (catchUp: boolean) => `
kind: Workflow
id: hourly
trigger: { type: schedule, cron: "0 * * * *", timezone: Europe/Paris, catch_up: ${catchUp} }
steps:
  - id: note
    type: set
    values: { tick: "{{ schedule.tick }}" }
`;

void describe('schedule trigger', () => {
  void it('fires on its ticks; ticks missed while down run once, not once each', async () => {
    const clock = new ManualClock(new Date('2026-05-01T10:30:00Z'));
    const t = await createTestSystem({ clock });
    try {
      await t.apply(hourly(false));
      assert.equal((await t.system.store.listSchedules())[0]?.nextAt.toISOString(), '2026-05-01T11:00:00.000Z');
      assert.equal(await t.system.schedules.fireDue(), 0);
      clock.set(new Date('2026-05-01T11:00:00Z'));
      assert.equal(await t.system.schedules.fireDue(), 1);
      clock.set(new Date('2026-05-01T16:20:00Z')); // down for five ticks
      assert.equal(await t.system.schedules.fireDue(), 1);
      assert.equal(await t.system.schedules.fireDue(), 0);
      assert.equal((await t.system.store.listSchedules())[0]?.nextAt.toISOString(), '2026-05-01T17:00:00.000Z');
      await t.settle();
      const { runs } = await t.system.store.listRuns({ workflowId: 'hourly', limit: 10 });
      assert.equal(runs.length, 2);
      assert.ok(runs.every((run) => run.status === 'succeeded'));
      assert.deepEqual(runs.map((run) => run.variables.tick).sort(), ['2026-05-01T11:00:00.000Z', '2026-05-01T12:00:00.000Z']);
    } finally {
      await t.close();
    }
  });

  void it('with catch_up, each missed tick runs', async () => {
    const clock = new ManualClock(new Date('2026-05-01T10:30:00Z'));
    const t = await createTestSystem({ clock });
    try {
      await t.apply(hourly(true));
      clock.set(new Date('2026-05-01T14:10:00Z'));
      let fired = 0;
      for (let i = 0; i < 10; i += 1) fired += await t.system.schedules.fireDue();
      assert.equal(fired, 4, 'ticks at 11, 12, 13 and 14 UTC');
    } finally {
      await t.close();
    }
  });

  void it('a deactivated workflow stops firing', async () => {
    const clock = new ManualClock(new Date('2026-05-01T10:30:00Z'));
    const t = await createTestSystem({ clock });
    try {
      await t.apply(hourly(false));
      await t.system.store.setWorkflowStatus({ id: 'hourly', status: 'inactive', now: clock.now(), schedule: null });
      clock.set(new Date('2026-05-01T12:10:00Z'));
      assert.equal(await t.system.schedules.fireDue(), 0);
    } finally {
      await t.close();
    }
  });
});
