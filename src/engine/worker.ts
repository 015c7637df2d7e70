import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { performance } from 'node:perf_hooks';
import { eventLoopTurn } from '../core/event-loop-turn.ts';
import { StoreUnavailableError } from '../core/errors.ts';
import type { ClaimedWork, CommitResult, CommittedSteps, StepCommit } from '../store/records.ts';
import { AdaptiveConcurrency } from './adaptive-concurrency.ts';
import type { ConcurrencyRange } from './concurrency-controller.ts';
import { writesOnlyInCommit } from './commit-only-step.ts';
import type { EngineContext } from './engine-context.ts';
import type { LeaseOffer, RunHandoff } from './run-handoff.ts';
import { executeWork } from './step-executor.ts';

const MAX_CONCURRENT_FLUSHES = 4;

/** Waits after the database failed `failures` times in a row: 100 ms doubling up to 5 s. */
function outageBackoffMs(failures: number): number {
  return Math.min(5000, 100 * 2 ** Math.max(0, failures - 1));
}

/** While running, the next step of the same run comes back leased to this worker: no claim in between. Only kinds that enqueue steps chain. */
function withChainLease(commit: StepCommit, leaseMs: number): StepCommit {
  return commit.kind === 'moved_on' || commit.kind === 'forked' ? { ...commit, chainLeaseMs: leaseMs } : commit;
}

export interface WorkerOptions {
  /**
   * Steps run at once by this worker: a number fixes it; a range lets the
   * worker size it to the work between the two (concurrency-controller.ts).
   * Default 32.
   */
  concurrency?: number | ConcurrencyRange;
  /** How long a claim holds before another worker may take the step. */
  leaseMs?: number;
  /** Longest sleep between looks at the queue when nothing wakes the worker. */
  pollMs?: number;
  /** Name of this worker in leases and logs. */
  owner?: string;
  /** Called after each batch of step results is written (metrics, benchmarks). */
  onCommitted?: (commits: readonly StepCommit[], results: readonly CommitResult[]) => void;
  /** Called when a look at the queue found less due work than there were free slots: nothing waits now (queue-backlog-gauge.ts). */
  onDrained?: () => void;
}

/** What a worker has done since it was made, for its metrics (system/prometheus-metrics.ts). */
export interface WorkerCounts {
  /** Steps running now, or done and waiting for their result to be written. */
  inFlight: number;
  /** Work items taken from the queue by claiming (not those handed over within the process). */
  claimed: number;
  /** Of those, items whose earlier lease ran out without a result: a worker holding them crashed, was killed or stalled. */
  claimedAfterLeaseExpiry: number;
  /** Looks at the queue that failed (the database did not answer); each is retried after a backoff. */
  claimFailures: number;
  /** Batches of step results whose write failed; kept and written again when the database is back, or run again after their leases. */
  commitFailures: number;
}

/**
 * Claims due steps, runs them, and commits their results in batches (one
 * fsync for many steps). Holds nothing a crash could lose: a step whose
 * result was not committed is claimed again when its lease expires.
 */
export class Worker implements RunHandoff {
  readonly owner: string;
  readonly #engine: EngineContext;
  readonly #concurrency: AdaptiveConcurrency;
  readonly #leaseMs: number;
  readonly #pollMs: number;
  readonly #onCommitted: WorkerOptions['onCommitted'];
  readonly #onDrained: WorkerOptions['onDrained'];
  readonly #inFlight = new Set<string>();
  /** Slots held for first steps being inserted leased to this worker (offerLeases until runLeased). */
  #offered = 0;
  #pending: { commit: StepCommit; done: () => void }[] = [];
  readonly #flushers = new Set<Promise<void>>();
  #running = false;
  #loop: Promise<void> | undefined;
  #wake: (() => void) | undefined;
  #wakeRequested = false;
  #stopListening: (() => Promise<void>) | undefined;
  #leaseTimer: NodeJS.Timeout | undefined;
  #idleWaiters: (() => void)[] = [];
  #claimFailures = 0;
  #commitFailures = 0;
  readonly #counts = { claimed: 0, claimedAfterLeaseExpiry: 0, claimFailures: 0, commitFailures: 0 };
  readonly #backoffs = new Set<() => void>();

  constructor(engine: EngineContext, options: WorkerOptions = {}) {
    this.#engine = engine;
    const concurrency = options.concurrency ?? 32;
    this.#concurrency = new AdaptiveConcurrency(typeof concurrency === 'number' ? { min: concurrency, max: concurrency } : concurrency);
    this.#leaseMs = options.leaseMs ?? 60_000;
    this.#pollMs = options.pollMs ?? 500;
    this.#onCommitted = options.onCommitted;
    this.#onDrained = options.onDrained;
    this.owner = options.owner ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  }

  async start(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    this.#stopListening = await this.#engine.store.listenForWork({
      work: () => this.wake(),
      lost: (error) => this.#engine.logger.warn({ err: error, pollMs: this.#pollMs }, 'the wake-ups from other processes stopped (their database connection was lost); looking at the queue every pollMs until they are back'),
      back: () => this.#engine.logger.info({}, 'the wake-ups from other processes are back (their database connection was made again)'),
    });
    this.#leaseTimer = setInterval(() => void this.#extendLeases(), Math.max(1000, this.#leaseMs / 3));
    this.#concurrency.start();
    this.#loop = this.#run();
  }

  /** Stops claiming, lets in-flight steps finish and commit. */
  async stop(): Promise<void> {
    if (!this.#running) return;
    this.#running = false;
    this.wake();
    for (const interrupt of this.#backoffs) interrupt();
    await this.#loop;
    clearInterval(this.#leaseTimer);
    this.#concurrency.stop();
    await this.#stopListening?.();
  }

  /** Steps this worker may run at once now. */
  get concurrency(): number {
    return this.#concurrency.limit;
  }

  /** What this worker has done so far, and the steps it holds now. */
  counts(): WorkerCounts {
    return { inFlight: this.#inFlight.size, ...this.#counts };
  }

  /** Work items per second this worker takes from the queue while work waits; undefined until it has been that busy. */
  get drainPerSecond(): number | undefined {
    return this.#concurrency.drainPerSecond;
  }

  /** Look at the queue now (new work was written in this process). */
  wake(): void {
    this.#wakeRequested = true;
    this.#wake?.();
  }

  /** Resolves when nothing is due now and nothing is in flight (for tests and `--wait`). */
  idle(): Promise<void> {
    const idle = new Promise<void>((resolve) => this.#idleWaiters.push(resolve));
    this.wake();
    return idle;
  }

  async #run(): Promise<void> {
    while (this.#running || this.#inFlight.size > 0) {
      this.#wakeRequested = false;
      // Only a look at the queue that began after idle() was asked can say the queue is empty.
      const idleWaiters = this.#idleWaiters.splice(0);
      // Chained steps may run past the concurrency for a moment: then nothing is free, and the loop must sleep, not spin.
      const free = this.#freeSlots();
      let claimed: ClaimedWork[] = [];
      // What the look said of the next due item when it found nothing claimable (undefined: it did not say).
      let nextDue: Date | null | undefined;
      if (free > 0) {
        try {
          ({ work: claimed, nextDueAt: nextDue } = await this.#engine.store.claimWork({ owner: this.owner, limit: free, leaseMs: this.#leaseMs, now: this.#engine.clock.now() }));
          this.#claimFailures = 0;
          this.#counts.claimed += claimed.length;
          this.#counts.claimedAfterLeaseExpiry += claimed.filter((work) => work.leaseExpiries > 0).length;
          this.#concurrency.claimed(free, claimed.length);
          if (claimed.length < free) this.#onDrained?.();
        } catch (error) {
          // The loop outlives an outage: wait longer after each failure in a row (new work does not cut it short).
          this.#claimFailures += 1;
          this.#counts.claimFailures += 1;
          const delay = outageBackoffMs(this.#claimFailures);
          this.#engine.logger.error({ err: error, failures: this.#claimFailures, retryInMs: delay }, 'claiming work failed; retrying');
          this.#idleWaiters.unshift(...idleWaiters);
          await this.#backOff(delay);
          continue;
        }
      }
      for (const work of claimed) this.#start(work);
      if (claimed.length === 0 && this.#inFlight.size === 0 && this.#pending.length === 0) idleWaiters.forEach((resolve) => resolve());
      else this.#idleWaiters.unshift(...idleWaiters);
      // Only a look that found nothing asks when the next item is due; a busy worker is woken by its own steps ending.
      if (claimed.length < free || free === 0) await this.#sleep(free > 0 && claimed.length === 0 ? nextDue : undefined);
    }
    await Promise.all(this.#flushers);
  }

  /** Room for new runs' first steps: the free slots, less those already offered. */
  offerLeases(wanted: number): LeaseOffer | undefined {
    const count = Math.min(wanted, this.#freeSlots());
    if (count <= 0) return undefined;
    this.#offered += count;
    return { lease: { owner: this.owner, until: new Date(this.#engine.clock.now().getTime() + this.#leaseMs) }, leaseMs: this.#leaseMs, count };
  }

  /** Runs the first steps that write only in their commit, for the write that creates their runs (run-handoff.ts). */
  async runFirstSteps(work: readonly ClaimedWork[]): Promise<StepCommit[]> {
    if (!this.#running) return [];
    const commits = await Promise.all(work.map(async (first) => ((await writesOnlyInCommit(this.#engine, first)) ? executeWork(this.#engine, first, this.owner) : undefined)));
    // A step that sleeps, waits or is to be retried goes the usual way: queued, and run again.
    return commits.filter((commit) => commit?.kind === 'moved_on' || commit?.kind === 'finished');
  }

  /** The first steps a write committed with their runs, reported as this worker's commits are. */
  firstStepsCommitted(committed: CommittedSteps): void {
    this.#onCommitted?.(committed.commits, committed.results);
  }

  /** Runs the steps inserted or chained under `offer`, now that their write has committed. */
  runLeased(offer: LeaseOffer, claimed: readonly ClaimedWork[]): void {
    this.#offered -= offer.count;
    if (claimed.length === 0) return;
    if (!this.#running) {
      // Stopped meanwhile: the items wait for their leases to run out, then any worker claims them (as after a crash).
      this.#engine.logger.warn({ steps: claimed.length }, 'the worker stopped before it took the new runs handed to it; they run when their leases expire');
      return;
    }
    this.#concurrency.claimed(0, claimed.length);
    for (const work of claimed) this.#start(work);
  }

  /** Slots free for more work now (none while stopping). */
  #freeSlots(): number {
    return this.#running ? Math.max(0, this.#concurrency.limit - this.#inFlight.size - this.#offered) : 0;
  }

  #start(work: ClaimedWork): void {
    this.#inFlight.add(work.itemId);
    const started = performance.now();
    void executeWork(this.#engine, work, this.owner)
      .then((commit) => this.#commit(this.#running ? withChainLease(commit, this.#leaseMs) : commit))
      .catch((error: unknown) => this.#engine.logger.error({ err: error, run: work.run.id, step: work.stepPath }, 'step commit failed; the step will run again when its lease expires'))
      .finally(() => {
        this.#concurrency.finished(performance.now() - started);
        this.#inFlight.delete(work.itemId);
        this.wake();
      });
  }

  /**
   * Queues a commit; commits that arrive while a batch is being written go
   * together in the next. Where the database takes several writers at once,
   * a few batches are written side by side.
   */
  #commit(commit: StepCommit): Promise<void> {
    return new Promise((resolve) => {
      this.#pending.push({ commit, done: resolve });
      const writers = this.#engine.store.capabilities.concurrentWriters ? MAX_CONCURRENT_FLUSHES : 1;
      if (this.#flushers.size < writers) {
        const flusher: Promise<void> = this.#flush().finally(() => this.#flushers.delete(flusher));
        this.#flushers.add(flusher);
      }
    });
  }

  async #flush(): Promise<void> {
    // Let results that are arriving now (I/O callbacks) join this batch: one commit for many steps.
    await eventLoopTurn();
    while (this.#pending.length > 0) {
      // Runs in id order, so concurrent batches take the runs' row locks in the same order.
      const batch = this.#pending.sort((a, b) => (a.commit.runId < b.commit.runId ? -1 : a.commit.runId > b.commit.runId ? 1 : 0));
      this.#pending = [];
      try {
        const commits = batch.map((entry) => entry.commit);
        const outcomes = await this.#engine.store.commitSteps(commits);
        this.#commitFailures = 0;
        this.#onCommitted?.(commits, outcomes.map((outcome) => outcome.result));
        // A chained step is leased to this worker already: it must run here, even past the concurrency for a moment.
        for (const outcome of outcomes) if (outcome.result === 'applied' && outcome.chained) this.#start(outcome.chained);
      } catch (error) {
        this.#counts.commitFailures += 1;
        if (error instanceof StoreUnavailableError && this.#running) {
          // Nothing of the batch was written: keep the results (their steps stay in flight, their leases
          // extended) and write them when the database is back, instead of running the steps again.
          this.#commitFailures += 1;
          const delay = outageBackoffMs(this.#commitFailures);
          this.#engine.logger.warn({ err: error, steps: batch.length, retryInMs: delay }, 'writing step results failed; retrying');
          this.#pending.unshift(...batch);
          await this.#backOff(delay);
          continue;
        }
        this.#engine.logger.error({ err: error, steps: batch.length }, 'writing step results failed; those steps will run again when their leases expire');
      }
      for (const entry of batch) entry.done();
    }
  }

  /**
   * Sleeps until woken, the poll interval, or `nextDue`: when the next item is due, as a look that found
   * nothing claimable said. A look that found claimable items and won none lost them to other workers: those
   * look again when their steps end and new work wakes this one, so it does not ask when the next is due.
   */
  async #sleep(nextDue: Date | null | undefined): Promise<void> {
    if (this.#wakeRequested) return;
    const untilDue = nextDue ? nextDue.getTime() - this.#engine.clock.now().getTime() : this.#pollMs;
    const delay = Math.max(5, Math.min(this.#pollMs, untilDue));
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, delay);
      this.#wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    this.#wake = undefined;
  }

  /** Sleeps `ms`; only stop() cuts it short. */
  #backOff(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#backoffs.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.#backoffs.add(done);
    });
  }

  async #extendLeases(): Promise<void> {
    if (this.#inFlight.size === 0) return;
    const until = new Date(this.#engine.clock.now().getTime() + this.#leaseMs);
    await this.#engine.store.extendLeases({ owner: this.owner, itemIds: [...this.#inFlight], until }).catch((error: unknown) => {
      this.#engine.logger.warn({ err: error }, 'extending leases failed');
    });
  }
}
