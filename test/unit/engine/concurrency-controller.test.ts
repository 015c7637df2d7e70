// The worker's concurrency controller, fed samples (no clock, no timing).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  concurrencyUpTo,
  DEFAULT_CONCURRENCY_SETTINGS,
  initialConcurrency,
  nextConcurrency,
  type ConcurrencyRange,
  type ConcurrencySample,
  type ConcurrencyState,
} from '../../../src/engine/concurrency-controller.ts';

const settings = (range: ConcurrencyRange) => ({ ...DEFAULT_CONCURRENCY_SETTINGS, range });
const busy: ConcurrencySample = { backlogged: true, stepLatencyMs: 20, loopDelayMs: 1 };

/** Feeds the same sample `windows` times; returns every limit on the way. */
function feed(state: ConcurrencyState, sample: ConcurrencySample, range: ConcurrencyRange, windows: number): number[] {
  const limits: number[] = [];
  let current = state;
  for (let index = 0; index < windows; index += 1) {
    current = nextConcurrency(current, sample, settings(range));
    limits.push(current.limit);
  }
  return limits;
}

void describe('concurrency controller', () => {
  const range = { min: 8, max: 256 };

  void it('starts at 32 within the range', () => {
    assert.equal(initialConcurrency(range).limit, 32);
    assert.equal(initialConcurrency({ min: 1, max: 4 }).limit, 4);
    assert.equal(initialConcurrency({ min: 50, max: 100 }).limit, 50);
  });

  void it('grows while work waits and the process keeps up, quickly enough to reach the ceiling in a few dozen windows', () => {
    const limits = feed(initialConcurrency(range), busy, range, 40);
    limits.reduce((previous, limit) => {
      assert.ok(limit >= previous, `never shrinks on healthy samples: ${limits.join(' ')}`);
      return limit;
    }, 32);
    assert.ok(limits.findIndex((limit) => limit >= 128) < 15, `128 within 15 windows: ${limits.join(' ')}`);
    assert.equal(limits.at(-1), 256, 'reaches the ceiling and stays there');
    assert.ok(limits.every((limit) => limit <= 256));
  });

  void it('holds when no work waits for a slot: more slots would sit idle', () => {
    const limits = feed(initialConcurrency(range), { backlogged: false, stepLatencyMs: 20, loopDelayMs: 1 }, range, 10);
    assert.deepEqual(new Set(limits), new Set([32]));
  });

  void it('shrinks by a quarter when the event loop lags (the intake would starve), down to the floor and no further', () => {
    const lagging = { ...busy, loopDelayMs: DEFAULT_CONCURRENCY_SETTINGS.maxLoopDelayMs + 10 };
    const limits = feed({ limit: 200, baselineLatencyMs: 20 }, lagging, range, 20);
    assert.equal(limits[0], 150);
    assert.equal(limits[1], 113);
    assert.equal(limits.at(-1), 8);
    assert.ok(limits.every((limit) => limit >= 8));
  });

  void it('shrinks when steps suddenly take far longer than they used to, even with work waiting', () => {
    const state = { limit: 100, baselineLatencyMs: 20 };
    const slow = nextConcurrency(state, { ...busy, stepLatencyMs: 120 }, settings(range));
    assert.ok(slow.limit < 100, `a step 6x slower than the baseline shrinks the limit: ${slow.limit}`);
    assert.ok(slow.limit >= 50, 'by at most half (plus the growth term)');
    const somewhatSlower = nextConcurrency(state, { ...busy, stepLatencyMs: 30 }, settings(range));
    assert.ok(somewhatSlower.limit > 100, `within the tolerance it still grows: ${somewhatSlower.limit}`);
  });

  void it('lets the baseline follow a slow rise in latency, so a busier but healthy process keeps growing', () => {
    let state: ConcurrencyState = { limit: 32, baselineLatencyMs: 10 };
    for (let index = 0; index < 50; index += 1) state = nextConcurrency(state, { ...busy, stepLatencyMs: 40 }, settings(range));
    assert.ok((state.baselineLatencyMs ?? 0) > 35, `baseline follows: ${state.baselineLatencyMs}`);
    assert.equal(state.limit, 256);
  });

  void it('keeps a fixed limit fixed', () => {
    const fixed = { min: 16, max: 16 };
    assert.deepEqual(new Set(feed(initialConcurrency(fixed), busy, fixed, 5)), new Set([16]));
    assert.deepEqual(new Set(feed(initialConcurrency(fixed), { ...busy, loopDelayMs: 500 }, fixed, 5)), new Set([16]));
  });

  void it('a configured ceiling keeps the floor below it', () => {
    assert.deepEqual(concurrencyUpTo(256), { min: 8, max: 256 });
    assert.deepEqual(concurrencyUpTo(4), { min: 4, max: 4 });
  });
});
