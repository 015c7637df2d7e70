import { performance } from 'node:perf_hooks';
import type { Clock } from '../core/clock.ts';
import type { QueueBacklog } from '../store/queue-backlog.ts';
import type { Store } from '../store/store.ts';

/** A reading of the queue's backlog. */
export interface BacklogReading extends QueueBacklog {
  /** The count stopped at its cap: at least `depth` items wait. */
  depthCapped: boolean;
  /** When it was read (the engine's clock, as the queue's due times). */
  readAt: Date;
}

export interface QueueBacklogGaugeOptions {
  store: Pick<Store, 'queueBacklog'>;
  clock: Clock;
  /** Items counted at most per reading. Default 10,000. */
  countUpTo?: number;
  /** A reading this young (ms) is used as it is. Default 100. */
  freshMs?: number;
  /** A reading older than this (ms) is not used: the caller waits for a new one. Default 1000. */
  staleMs?: number;
}

/**
 * The queue's backlog, read at most every `freshMs` however many ask: a
 * request that finds the reading a little old gets it as it is and starts
 * a new one in the background. Readings come from the database, so they
 * count the work of every process; the local worker also reports when it
 * found the queue empty, which costs no query.
 */
export class QueueBacklogGauge {
  readonly #store: Pick<Store, 'queueBacklog'>;
  readonly #clock: Clock;
  readonly #countUpTo: number;
  readonly #freshMs: number;
  readonly #staleMs: number;
  #reading: { value: BacklogReading; takenAt: number } | undefined;
  #refreshing: Promise<BacklogReading> | undefined;

  constructor(options: QueueBacklogGaugeOptions) {
    this.#store = options.store;
    this.#clock = options.clock;
    this.#countUpTo = options.countUpTo ?? 10_000;
    this.#freshMs = options.freshMs ?? 100;
    this.#staleMs = options.staleMs ?? 1000;
  }

  /** The latest reading; `fresh` reads the database now (metrics, benchmarks). A failed read throws. */
  async read(options: { fresh?: boolean } = {}): Promise<BacklogReading> {
    const reading = this.#reading;
    const age = reading === undefined ? Infinity : performance.now() - reading.takenAt;
    if (reading !== undefined && !options.fresh && age <= this.#staleMs) {
      if (age > this.#freshMs) this.#refresh().catch(() => undefined);
      return reading.value;
    }
    return this.#refresh();
  }

  /** The local worker asked for more due work than there was: nothing waits, as of now. */
  drained(): void {
    this.#keep({ depth: 0, depthCapped: false, oldestDueAt: undefined, readAt: this.#clock.now() }, performance.now());
  }

  #refresh(): Promise<BacklogReading> {
    this.#refreshing ??= this.#query().finally(() => (this.#refreshing = undefined));
    return this.#refreshing;
  }

  async #query(): Promise<BacklogReading> {
    const takenAt = performance.now();
    const readAt = this.#clock.now();
    const backlog = await this.#store.queueBacklog({ now: readAt, countUpTo: this.#countUpTo });
    const value = { ...backlog, depthCapped: backlog.depth >= this.#countUpTo, readAt };
    this.#keep(value, takenAt);
    return this.#reading?.value ?? value;
  }

  /** Keeps the newest reading: a query that began before the worker's report does not overwrite it. */
  #keep(value: BacklogReading, takenAt: number): void {
    if (this.#reading === undefined || this.#reading.takenAt <= takenAt) this.#reading = { value, takenAt };
  }
}
