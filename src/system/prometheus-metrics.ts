import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { WEBHOOK_RESULTS, type Metrics, type WebhookResult } from '../application/metrics.ts';
import type { StripeRateGate } from '../connectors/stripe/index.ts';
import type { Clock } from '../core/clock.ts';
import type { QueueBacklogGauge } from '../engine/queue-backlog-gauge.ts';
import { RunStatus } from '../core/statuses.ts';
import type { CommitResult, StepCommit } from '../store/records.ts';
import type { Store } from '../store/store.ts';
import { registerWorkerMetrics, type WorkerReadings } from './worker-metrics.ts';

/** The system's Prometheus metrics, in a registry of its own (no global state). */
export class PrometheusMetrics implements Metrics {
  readonly registry = new Registry();
  readonly #webhooks: Counter<'source' | 'result'>;
  readonly #recovered: Counter<'connector' | 'how'>;
  readonly #recoveryFailures: Counter<'connector'>;
  readonly #runsFinished: Counter<'status'>;
  readonly #stepAttempts: Counter<'type' | 'status'>;
  readonly #stepSeconds: Histogram<'type'>;

  constructor(store: Store, queue: { backlog: QueueBacklogGauge; clock: Clock; worker: WorkerReadings }, stripeGate: StripeGateCounts) {
    // The names every Node.js dashboard and alert knows (process_cpu_seconds_total, nodejs_heap_size_used_bytes): no prefix.
    collectDefaultMetrics({ register: this.registry });
    this.#webhooks = new Counter({ name: 'tollgate_webhook_deliveries_total', help: 'Inbound webhook deliveries by result', labelNames: ['source', 'result'], registers: [this.registry] });
    this.#recovered = new Counter({
      name: 'tollgate_stripe_events_recovered_total',
      help: 'Stripe events taken in from the Events API because their delivery never arrived (how: sweep, on_demand); rising means webhooks are failing',
      labelNames: ['connector', 'how'],
      registers: [this.registry],
    });
    this.#recoveryFailures = new Counter({ name: 'tollgate_stripe_recovery_failures_total', help: 'Recovery sweeps that could not read Stripe events or store them (tried again at the next sweep)', labelNames: ['connector'], registers: [this.registry] });
    this.#runsFinished = new Counter({ name: 'tollgate_runs_finished_total', help: 'Runs that ended, by status', labelNames: ['status'], registers: [this.registry] });
    // Every series an alert may watch exists from the start at 0: a counter first seen at 1 is no increase to Prometheus.
    for (const status of [RunStatus.succeeded, RunStatus.failed, RunStatus.cancelled]) this.#runsFinished.inc({ status }, 0);
    for (const source of ['stripe', 'workflow'] as const) for (const result of WEBHOOK_RESULTS) this.#webhooks.inc({ source, result }, 0);
    this.#stepAttempts = new Counter({ name: 'tollgate_step_attempts_total', help: 'Step attempts written to the journal, by step type and status', labelNames: ['type', 'status'], registers: [this.registry] });
    this.#stepSeconds = new Histogram({
      name: 'tollgate_step_duration_seconds',
      help: 'How long step attempts took, by step type',
      labelNames: ['type'],
      buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30],
      registers: [this.registry],
    });
    new Gauge({
      name: 'tollgate_runs',
      help: 'Runs by status, as stored',
      labelNames: ['status'],
      registers: [this.registry],
      async collect() {
        for (const status of [RunStatus.running, RunStatus.waiting]) this.set({ status }, await store.countRunsInStatus(status));
      },
    });
    new Gauge({
      name: 'tollgate_emails_awaiting_retry',
      help: 'Emails the mail server could not take yet (approval emails), with a later try planned: above 0 for long, check the SMTP connector',
      registers: [this.registry],
      async collect() {
        this.set(await store.outbox.countAwaitingRetry());
      },
    });
    registerQueueGauges(this.registry, queue);
    registerWorkerMetrics(this.registry, queue.worker);
    registerStripeRateGauges(this.registry, stripeGate);
  }

  webhookReceived(source: 'stripe' | 'workflow', result: WebhookResult): void {
    this.#webhooks.inc({ source, result });
  }

  stripeEventsRecovered(connector: string, how: 'sweep' | 'on_demand', count: number): void {
    this.#recovered.inc({ connector, how }, count);
  }

  stripeRecoveryFailed(connector: string): void {
    this.#recoveryFailures.inc({ connector });
  }

  stripeRecoveryWatched(connector: string): void {
    for (const how of ['sweep', 'on_demand'] as const) this.#recovered.inc({ connector, how }, 0);
    this.#recoveryFailures.inc({ connector }, 0);
  }

  /** For the worker's `onCommitted`: counts the attempts and runs a batch wrote. */
  stepsCommitted(commits: readonly StepCommit[], results: readonly CommitResult[]): void {
    commits.forEach((commit, index) => {
      if (results[index] !== 'applied' || commit.kind === 'outage' || commit.kind === 'dropped') return;
      // The steps that ran in the same commit after its own (engine/inline-steps.ts) are attempts too.
      const attempts = commit.kind === 'moved_on' || commit.kind === 'finished' ? [commit.attempt, ...(commit.inlined ?? [])] : [commit.attempt];
      for (const { stepType, status, startedAt, finishedAt } of attempts) {
        this.#stepAttempts.inc({ type: stepType, status });
        if (finishedAt) this.#stepSeconds.observe({ type: stepType }, (finishedAt.getTime() - startedAt.getTime()) / 1000);
      }
      if (commit.kind === 'finished') this.#runsFinished.inc({ status: commit.end.status });
    });
  }

  async render(): Promise<{ contentType: string; text: string }> {
    return { contentType: this.registry.contentType, text: await this.registry.metrics() };
  }
}

/** The work queue as the intake's backpressure sees it. */
function registerQueueGauges(registry: Registry, queue: { backlog: QueueBacklogGauge; clock: Clock }): void {
  // Registered in this order, collected in this order: the depth reads the queue, the age takes the same reading.
  new Gauge({
    name: 'tollgate_queue_depth',
    help: 'Due work items no worker holds (counted up to 10,000)',
    registers: [registry],
    async collect() {
      this.set((await queue.backlog.read({ fresh: true })).depth);
    },
  });
  new Gauge({
    name: 'tollgate_queue_oldest_due_age_seconds',
    help: 'How long the longest-waiting due work item has waited for a worker (0 when none waits)',
    registers: [registry],
    async collect() {
      const { oldestDueAt } = await queue.backlog.read();
      this.set(oldestDueAt === undefined ? 0 : Math.max(0, queue.clock.now().getTime() - oldestDueAt.getTime()) / 1000);
    },
  });
}

type StripeGateCounts = Pick<StripeRateGate, 'waiting' | 'waitedSeconds' | 'sharedFallbacks'>;

/** The Stripe calls this process holds back to keep under the account's rate (stripe-rate-gate.ts): a sign to tune rate_limit. */
function registerStripeRateGauges(registry: Registry, stripeRateGate: StripeGateCounts): void {
  new Gauge({
    name: 'tollgate_stripe_calls_waiting',
    help: 'Stripe calls waiting now for the rate limit, by kind (money: refunds, credit notes and their checks)',
    labelNames: ['kind'],
    registers: [registry],
    collect() {
      const waiting = stripeRateGate.waiting();
      for (const kind of ['money', 'other'] as const) this.set({ kind }, waiting[kind]);
    },
  });
  let counted = { money: 0, other: 0 };
  new Counter({
    name: 'tollgate_stripe_rate_wait_seconds_total',
    help: 'Seconds Stripe calls have waited for the rate limit, by kind (on PostgreSQL with the round trip to the shared bucket)',
    labelNames: ['kind'],
    registers: [registry],
    collect() {
      const waited = stripeRateGate.waitedSeconds();
      for (const kind of ['money', 'other'] as const) this.inc({ kind }, waited[kind] - counted[kind]);
      counted = waited;
    },
  });
  let fallbacks = 0;
  new Counter({
    name: 'tollgate_stripe_rate_shared_fallbacks_total',
    help: 'Stripe calls that kept to the rate of this process alone because the database did not answer for the shared bucket (PostgreSQL)',
    registers: [registry],
    collect() {
      const now = stripeRateGate.sharedFallbacks();
      this.inc(now - fallbacks);
      fallbacks = now;
    },
  });
}
