// Backpressure at the intake: the decision from what the queue holds, and the gauge that reads it (fed by hand, no timing).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../../src/core/clock.ts';
import { TransientError } from '../../../src/core/errors.ts';
import { decideAdmission, IntakeAdmission } from '../../../src/engine/intake-admission.ts';
import { QueueBacklogGauge, type BacklogReading } from '../../../src/engine/queue-backlog-gauge.ts';
import type { QueueBacklog } from '../../../src/store/queue-backlog.ts';

void describe('admission decision', () => {
  void it('takes work while the oldest waiting item and the time to drain the queue are both within the limit', () => {
    assert.deepEqual(decideAdmission({ depth: 400, oldestAgeMs: 300, drainPerSecond: 1000 }, 5000), { admit: true, lagMs: 400 });
    assert.deepEqual(decideAdmission({ depth: 0, oldestAgeMs: 0, drainPerSecond: undefined }, 5000), { admit: true, lagMs: 0 });
  });

  void it('refuses when the oldest item has waited longer than the limit, and asks to come back when the lag is half the limit', () => {
    const decision = decideAdmission({ depth: 10, oldestAgeMs: 12_000, drainPerSecond: 1000 }, 5000);
    assert.deepEqual(decision, { admit: false, lagMs: 12_000, retryAfterMs: 9500 });
  });

  void it('refuses a burst the worker cannot drain in time although nothing has waited long yet', () => {
    const decision = decideAdmission({ depth: 9000, oldestAgeMs: 50, drainPerSecond: 1000 }, 5000);
    assert.equal(decision.admit, false);
    assert.equal(decision.lagMs, 9000);
  });

  void it('without a known drain rate (no worker here, or never busy) only the waiting time counts', () => {
    assert.equal(decideAdmission({ depth: 9000, oldestAgeMs: 50, drainPerSecond: undefined }, 5000).admit, true);
    assert.equal(decideAdmission({ depth: 9000, oldestAgeMs: 50, drainPerSecond: 0 }, 5000).admit, true);
  });

  void it('keeps Retry-After between 1 s and 60 s', () => {
    const barely = decideAdmission({ depth: 0, oldestAgeMs: 101, drainPerSecond: undefined }, 100);
    assert.equal(barely.admit ? undefined : barely.retryAfterMs, 1000);
    const far = decideAdmission({ depth: 0, oldestAgeMs: 3_600_000, drainPerSecond: undefined }, 5000);
    assert.equal(far.admit ? undefined : far.retryAfterMs, 60_000);
  });
});

/** A store whose backlog answers are given by the test, one pending query at a time. */
function scriptedStore() {
  const queries: { resolve: (backlog: QueueBacklog) => void; reject: (error: Error) => void }[] = [];
  return {
    queries,
    store: {
      queueBacklog: () => new Promise<QueueBacklog>((resolve, reject) => queries.push({ resolve, reject })),
    },
  };
}

void describe('queue backlog gauge', () => {
  void it('reads the database once while its reading is fresh, and again when asked for a fresh one', async () => {
    const { store, queries } = scriptedStore();
    const gauge = new QueueBacklogGauge({ store, clock: new ManualClock(), freshMs: 60_000, staleMs: 60_000, countUpTo: 100 });
    const first = gauge.read();
    queries[0]?.resolve({ depth: 7, oldestDueAt: new Date('2026-01-01T00:00:00Z') });
    assert.equal((await first).depth, 7);
    assert.equal((await gauge.read()).depth, 7);
    assert.equal(queries.length, 1, 'a fresh reading is used as it is');
    const fresh = gauge.read({ fresh: true });
    assert.equal(queries.length, 2);
    queries[1]?.resolve({ depth: 100, oldestDueAt: undefined });
    const reading = await fresh;
    assert.equal(reading.depth, 100);
    assert.equal(reading.depthCapped, true, 'a count that reached its cap says so');
  });

  void it('asks once however many callers wait for a new reading', async () => {
    const { store, queries } = scriptedStore();
    const gauge = new QueueBacklogGauge({ store, clock: new ManualClock() });
    const readings = [gauge.read(), gauge.read(), gauge.read({ fresh: true })];
    assert.equal(queries.length, 1);
    queries[0]?.resolve({ depth: 3, oldestDueAt: undefined });
    assert.deepEqual((await Promise.all(readings)).map((reading) => reading.depth), [3, 3, 3]);
  });

  void it('takes the worker\'s word that the queue is empty, and a query begun before that word does not overwrite it', async () => {
    const { store, queries } = scriptedStore();
    const gauge = new QueueBacklogGauge({ store, clock: new ManualClock(), freshMs: 60_000, staleMs: 60_000 });
    const pending = gauge.read({ fresh: true });
    gauge.drained();
    queries[0]?.resolve({ depth: 50, oldestDueAt: new Date('2025-12-31T23:59:00Z') });
    await pending;
    const reading = await gauge.read();
    assert.equal(reading.depth, 0);
    assert.equal(reading.oldestDueAt, undefined);
    assert.equal(queries.length, 1, 'the worker\'s report cost no query');
  });

  void it('a failed read throws to whoever waits for it; the next read asks again', async () => {
    const { store, queries } = scriptedStore();
    const gauge = new QueueBacklogGauge({ store, clock: new ManualClock() });
    const failing = gauge.read();
    queries[0]?.reject(new Error('database down'));
    await assert.rejects(failing, /database down/);
    const next = gauge.read();
    assert.equal(queries.length, 2);
    queries[1]?.resolve({ depth: 1, oldestDueAt: undefined });
    assert.equal((await next).depth, 1);
  });
});

void describe('intake admission', () => {
  const clock = new ManualClock(new Date('2026-01-01T00:00:10Z'));
  const reading = (overrides: Partial<BacklogReading>): { read: () => Promise<BacklogReading> } => ({
    read: () => Promise.resolve({ depth: 1, depthCapped: false, oldestDueAt: new Date('2026-01-01T00:00:00Z'), readAt: clock.now(), ...overrides }),
  });

  void it('refuses with intake_overloaded and a Retry-After when new work would wait longer than the limit', async () => {
    const admission = new IntakeAdmission({ backlog: reading({}), drainPerSecond: () => undefined, clock, maxLagMs: 5000 });
    const error = await admission.admit().then(
      () => assert.fail('the delivery was taken'),
      (thrown: unknown) => thrown,
    );
    assert.ok(error instanceof TransientError);
    assert.equal(error.code, 'intake_overloaded');
    assert.equal(error.retryAfterMs, 7500);
    assert.match(error.message, /TOLLGATE_INTAKE_MAX_LAG/);
  });

  void it('takes work within the limit, with the limit off, and when the backlog cannot be read', async () => {
    await new IntakeAdmission({ backlog: reading({ oldestDueAt: new Date('2026-01-01T00:00:09Z') }), drainPerSecond: () => 1000, clock, maxLagMs: 5000 }).admit();
    await new IntakeAdmission({ backlog: reading({}), drainPerSecond: () => undefined, clock, maxLagMs: undefined }).admit();
    await new IntakeAdmission({ backlog: { read: () => Promise.reject(new Error('down')) }, drainPerSecond: () => undefined, clock, maxLagMs: 5000 }).admit();
  });
});
