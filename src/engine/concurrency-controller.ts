/**
 * How many steps a worker runs at once, sized to the work: one decision per
 * window of samples. A pure function: the worker feeds it what it measured
 * (adaptive-concurrency.ts), tests feed it numbers.
 *
 * - Work waits for a free slot and the process keeps up: grow by the square
 *   root of the limit (steps that wait on Stripe or SMTP need many in flight;
 *   a bigger batch per commit costs no more fsyncs).
 * - The event loop lags: the process is short of CPU, and the HTTP intake in
 *   the same process would starve. Shrink by a quarter.
 * - Steps suddenly take much longer than they used to (a database or a remote
 *   service saturating): shrink in proportion (a latency gradient).
 * - No work waits: hold. More slots would sit idle.
 */

/** The floor and the ceiling of the limit; equal ends fix it. */
export interface ConcurrencyRange {
  min: number;
  max: number;
}

/** What the worker measured over one window. */
export interface ConcurrencySample {
  /** Work waited for a slot: a claim came back with as many steps as it asked for. */
  backlogged: boolean;
  /** Mean time of the steps that finished in the window, from start to commit, in ms; undefined when none finished. */
  stepLatencyMs: number | undefined;
  /** Mean delay of the event loop over the window, in ms: how long a ready callback (an HTTP request) waited. */
  loopDelayMs: number;
}

export interface ConcurrencyState {
  limit: number;
  /** The step latency of recent windows, a slow average: what "much longer than they used to" compares with. */
  baselineLatencyMs: number | undefined;
}

export interface ConcurrencySettings {
  range: ConcurrencyRange;
  /** Event-loop delay (ms) above which the process is short of CPU. */
  maxLoopDelayMs: number;
  /** How many times the baseline a step may take before the limit shrinks. */
  latencyTolerance: number;
}

/** The floor of a worker that sizes itself: enough for a few slow calls to leave room for the rest. */
const CONCURRENCY_FLOOR = 8;

/** The range of a worker configured with a ceiling. */
export function concurrencyUpTo(ceiling: number): ConcurrencyRange {
  return { min: Math.min(CONCURRENCY_FLOOR, ceiling), max: ceiling };
}

export const DEFAULT_CONCURRENCY_SETTINGS: Omit<ConcurrencySettings, 'range'> = { maxLoopDelayMs: 40, latencyTolerance: 2 };

/** Where a worker starts: the fixed value of earlier versions, within the range. */
export function initialConcurrency(range: ConcurrencyRange): ConcurrencyState {
  return { limit: clamp(32, range.min, range.max), baselineLatencyMs: undefined };
}

/** The limit for the next window. */
export function nextConcurrency(state: ConcurrencyState, sample: ConcurrencySample, settings: ConcurrencySettings): ConcurrencyState {
  const { range } = settings;
  const baselineLatencyMs = nextBaseline(state.baselineLatencyMs, sample.stepLatencyMs);
  let limit = state.limit;
  if (sample.loopDelayMs > settings.maxLoopDelayMs) {
    limit = state.limit * 0.75;
  } else if (sample.backlogged) {
    const gradient =
      state.baselineLatencyMs === undefined || sample.stepLatencyMs === undefined || sample.stepLatencyMs <= 0
        ? 1
        : clamp((settings.latencyTolerance * state.baselineLatencyMs) / sample.stepLatencyMs, 0.5, 1);
    limit = state.limit * gradient + Math.sqrt(state.limit);
  }
  return { limit: clamp(Math.round(limit), range.min, range.max), baselineLatencyMs };
}

const BASELINE_SMOOTHING = 0.1;

function nextBaseline(baseline: number | undefined, latency: number | undefined): number | undefined {
  if (latency === undefined) return baseline;
  if (baseline === undefined) return latency;
  return baseline + BASELINE_SMOOTHING * (latency - baseline);
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
