import { monitorEventLoopDelay, performance, type IntervalHistogram } from 'node:perf_hooks';
import { DEFAULT_CONCURRENCY_SETTINGS, initialConcurrency, nextConcurrency, type ConcurrencyRange, type ConcurrencySettings, type ConcurrencyState } from './concurrency-controller.ts';

const WINDOW_MS = 250;
const LOOP_RESOLUTION_MS = 10;
const DRAIN_SMOOTHING = 0.3;

/**
 * The worker's measurements, one window at a time, fed to the concurrency
 * controller: whether claims came back full, how long steps took, how late
 * the event loop ran. Also the rate at which the worker takes work from the
 * queue while work waits: what the intake needs to tell how long new work
 * would wait.
 */
export class AdaptiveConcurrency {
  readonly #settings: ConcurrencySettings;
  #state: ConcurrencyState;
  #loopDelay: IntervalHistogram | undefined;
  #timer: NodeJS.Timeout | undefined;
  #windowStarted = 0;
  #backlogged = false;
  #claimed = 0;
  #finished = 0;
  #latencyTotalMs = 0;
  #drainPerSecond: number | undefined;

  constructor(range: ConcurrencyRange, settings: Partial<Omit<ConcurrencySettings, 'range'>> = {}) {
    this.#settings = { ...DEFAULT_CONCURRENCY_SETTINGS, ...settings, range };
    this.#state = initialConcurrency(range);
  }

  /** Steps the worker may have in flight now. */
  get limit(): number {
    return this.#state.limit;
  }

  /** Work items per second the worker took from the queue while work waited; undefined until it has been that busy. */
  get drainPerSecond(): number | undefined {
    return this.#drainPerSecond;
  }

  start(): void {
    if (this.#timer) return;
    this.#loopDelay = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
    this.#loopDelay.enable();
    this.#windowStarted = performance.now();
    this.#timer = setInterval(() => this.#closeWindow(), WINDOW_MS);
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
    this.#loopDelay?.disable();
    this.#loopDelay = undefined;
  }

  /** A claim asked for `asked` steps and got `got`. */
  claimed(asked: number, got: number): void {
    this.#claimed += got;
    if (asked > 0 && got >= asked) this.#backlogged = true;
  }

  /** A step ended (its result committed, or given up) `latencyMs` after it started. */
  finished(latencyMs: number): void {
    this.#finished += 1;
    this.#latencyTotalMs += latencyMs;
  }

  #closeWindow(): void {
    const now = performance.now();
    const seconds = (now - this.#windowStarted) / 1000;
    // The histogram's mean includes the timer's own interval: the excess is the lag.
    const loopDelayMs = this.#loopDelay && this.#loopDelay.count > 0 ? Math.max(0, this.#loopDelay.mean / 1e6 - LOOP_RESOLUTION_MS) : 0;
    const sample = { backlogged: this.#backlogged, stepLatencyMs: this.#finished > 0 ? this.#latencyTotalMs / this.#finished : undefined, loopDelayMs };
    this.#state = nextConcurrency(this.#state, sample, this.#settings);
    if (this.#backlogged && seconds > 0) {
      const rate = this.#claimed / seconds;
      this.#drainPerSecond = this.#drainPerSecond === undefined ? rate : this.#drainPerSecond + DRAIN_SMOOTHING * (rate - this.#drainPerSecond);
    }
    this.#loopDelay?.reset();
    this.#windowStarted = now;
    this.#backlogged = false;
    this.#claimed = 0;
    this.#finished = 0;
    this.#latencyTotalMs = 0;
  }
}
