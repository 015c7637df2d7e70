import { fileURLToPath } from 'node:url';
import type { AppContext } from '../application/app-context.ts';
import type { SandboxEvents } from '../application/sandbox-events.ts';
import { wakePolicyOf } from '../application/wake-run.ts';
import { systemClock, type Clock } from '../core/clock.ts';
import type { FaultPoints } from '../core/fault-points.ts';
import type { Logger } from '../core/logger.ts';
import { NO_TRACING, type Tracing } from '../core/tracing.ts';
import { catalogOf } from '../definition/operation-spec.ts';
import { DefinitionCache } from '../engine/definition-cache.ts';
import type { EngineContext } from '../engine/engine-context.ts';
import { registryOf, type Operation, type ResolvedConnector } from '../engine/operation.ts';
import { DEFAULT_SESSION_TTL_MS } from '../identity/identity-context.ts';
import { StripeEventIntake } from '../triggers/stripe-event-intake.ts';
import { createStripeClientCache, createStripeRateGate, fetchStripeRelatedObject, type StripeClientFor } from '../connectors/stripe/index.ts';
import { stripeWebhookSecrets } from './stripe-secrets.ts';
import { PrometheusMetrics } from './prometheus-metrics.ts';
import { Worker, type WorkerOptions } from '../engine/worker.ts';
import { concurrencyUpTo } from '../engine/concurrency-controller.ts';
import { IntakeAdmission } from '../engine/intake-admission.ts';
import { QueueBacklogGauge } from '../engine/queue-backlog-gauge.ts';
import { openStore } from '../store/open-store.ts';
import type { SqlStore } from '../store/sql-store.ts';
import type { StatementCounter } from '../store/statement-counter.ts';
import { ScheduleRunner } from '../triggers/schedule-runner.ts';
import { databaseOptionsOf, type Config } from './config.ts';
import { storeConnectorResolver } from './connector-resolver.ts';
import { builtInOperations } from './operations.ts';
import { outboundPolicyOf } from './outbound-settings.ts';
import type { ApprovalStore } from '../store/approval-store.ts';
import { approvalGateway } from './approval-gateway.ts';
import { emailApprovalNotifier } from './approval-notifier.ts';
import { MailRetryLoop } from './mail-retry-loop.ts';
import { ConnectorSecretVault } from './connector-secret-vault.ts';
import { secretBox } from './secret-box.ts';

export interface SystemOptions {
  config: Config;
  logger: Logger;
  clock?: Clock;
  env?: NodeJS.ProcessEnv;
  /** Replaces the built-in operations (tests add fault-injecting ones). */
  operations?: Operation[];
  worker?: WorkerOptions;
  actionTimeoutMs?: number;
  /** Connectors that stand in when none of their type is configured (the Stripe sandbox). */
  builtInConnectors?: ResolvedConnector[];
  /** Fault points a test arms in the store and the engine (see core/fault-points.ts). */
  faults?: FaultPoints;
  /** The built-in Stripe sandbox this process runs, for the API's "send test event". */
  sandbox?: SandboxEvents;
  /** Counts the store's statements (tests). */
  statementCounter?: StatementCounter;
  /** Where spans go; unset: OpenTelemetry when the config names a collector, else none. */
  tracing?: Tracing;
}

/**
 * The composition root: the store, the engine's context, the worker and the
 * schedule runner, built from one configuration. Server and CLI start from here.
 */
export class TollgateSystem {
  readonly store: SqlStore;
  readonly engine: EngineContext;
  readonly app: AppContext;
  readonly worker: Worker;
  readonly schedules: ScheduleRunner;
  readonly approvals: ApprovalStore;
  /** Tries again, with the worker, the emails the mail server could not take when they were recorded. */
  readonly mailRetries: MailRetryLoop;
  /** The SDK clients of the engine's Stripe operations and the event poller, under one rate gate. */
  readonly stripeClients: StripeClientFor;
  /** Due work waiting for a worker (metrics, the intake's backpressure, benchmarks). */
  readonly backlog: QueueBacklogGauge;
  #started = false;
  /** Where people open the web app, for links in emails: TOLLGATE_PUBLIC_URL, else where this process serves it (servedAt). */
  #webUrl: string | undefined;

  private constructor(store: SqlStore, options: SystemOptions) {
    this.store = store;
    this.#webUrl = options.config.publicUrl;
    // On PostgreSQL every process of the database takes from one bucket per Stripe account; on SQLite this process's own.
    const stripeGate = createStripeRateGate({ shared: store.stripeRateBuckets, logger: options.logger });
    this.stripeClients = createStripeClientCache(stripeGate);
    const operations = options.operations ?? builtInOperations(store, { outbound: outboundPolicyOf(options.config), stripeClients: this.stripeClients });
    const env = options.env ?? process.env;
    const connectorVariables = new ConnectorSecretVault({
      store: store.connectorSecrets,
      box: secretBox({ configured: options.config.secretKey, old: options.config.oldSecretKeys, dataDir: options.config.dataDir, logger: options.logger }),
      env,
      clock: options.clock ?? systemClock,
    });
    this.approvals = store.approvals;
    this.engine = {
      store,
      clock: options.clock ?? systemClock,
      logger: options.logger,
      operations: registryOf(operations),
      connectors: storeConnectorResolver({ store, env, builtIn: options.builtInConnectors ?? [], stored: connectorVariables }),
      definitions: new DefinitionCache(store),
      expressionTimeoutMs: 1000,
      actionTimeoutMs: options.actionTimeoutMs ?? 30_000,
      sealedValues: (ownerId) => connectorVariables.valuesOf(ownerId),
      tracing: options.tracing ?? NO_TRACING,
      ...(options.faults === undefined ? {} : { faults: options.faults }),
    };
    this.engine.approvals = approvalGateway({
      approvals: this.approvals,
      store,
      notify: emailApprovalNotifier({
        operations: this.engine.operations,
        connectors: this.engine.connectors,
        clock: this.engine.clock,
        logger: options.logger,
        mailLog: store.outbox,
        webUrl: () => this.#webUrl,
      }),
    });
    this.mailRetries = new MailRetryLoop({ mailLog: store.outbox, connectors: this.engine.connectors, clock: this.engine.clock, logger: options.logger });
    this.backlog = new QueueBacklogGauge({ store, clock: this.engine.clock });
    const metrics = new PrometheusMetrics(store, { backlog: this.backlog, clock: this.engine.clock, worker: { concurrency: () => this.worker.concurrency, counts: () => this.worker.counts() } }, stripeGate);
    const onCommitted = options.worker?.onCommitted;
    this.worker = new Worker(this.engine, {
      concurrency: concurrencyUpTo(options.config.workerConcurrency),
      onDrained: () => this.backlog.drained(),
      ...options.worker,
      onCommitted: (commits, results) => {
        metrics.stepsCommitted(commits, results);
        onCommitted?.(commits, results);
      },
    });
    // New runs created in this process hand their first steps to its worker while it runs and has room.
    this.engine.handoff = this.worker;
    this.schedules = new ScheduleRunner(this.engine);
    const wakeWorker = () => this.worker.wake();
    const builtInStripe = options.builtInConnectors?.find((connector) => connector.type === 'stripe');
    const stripeClientOf = async (connectorId: string) => this.stripeClients(await this.engine.connectors.resolve({ type: 'stripe', name: connectorId, optional: false }));
    this.app = {
      templatesDir: fileURLToPath(new URL('../../examples/', import.meta.url)),
      engine: this.engine,
      catalog: catalogOf(operations.map((operation) => operation.spec)),
      wakeWorker,
      approvals: this.approvals,
      events: store.events,
      outbox: store.outbox,
      webhookInbox: store.webhookInbox,
      requests: store.requests,
      identity: { store: store.identity, loginAttempts: store.loginAttempts, clock: this.engine.clock, logger: options.logger, mode: options.config.auth, sessionTtlMs: DEFAULT_SESSION_TTL_MS },
      idempotencyKeys: store.idempotencyKeys,
      connectorVariables,
      metrics,
      intake: new IntakeAdmission({ backlog: this.backlog, drainPerSecond: () => this.worker.drainPerSecond, clock: this.engine.clock, maxLagMs: options.config.intakeMaxLagMs }),
      stripeClientOf,
      stripeIntake: new StripeEventIntake({
        engine: this.engine,
        events: store.events,
        secretsFor: stripeWebhookSecrets(this.engine.connectors),
        fetchRelatedObject: async ({ connectorId, ...request }) => fetchStripeRelatedObject(await stripeClientOf(connectorId), { ...request, now: () => this.engine.clock.now() }),
        onRunsCreated: wakeWorker,
      }),
      ...(options.sandbox === undefined ? {} : { sandbox: options.sandbox }),
      ...(builtInStripe === undefined ? {} : { builtInStripe: { id: builtInStripe.id, events: options.config.stripeEvents } }),
      ...(options.config.publicUrl === undefined ? {} : { publicUrl: options.config.publicUrl }),
      wakePolicy: wakePolicyOf(options.config),
    };
  }

  static async open(options: SystemOptions): Promise<TollgateSystem> {
    const store = await openStore({
      ...databaseOptionsOf(options.config),
      faults: options.faults,
      statementCounter: options.statementCounter,
      logger: options.logger,
    });
    // Loaded only when a collector is named: a process without traces loads no OpenTelemetry.
    const traces = options.config.traces;
    const tracing = options.tracing ?? (traces === undefined ? undefined : (await import('./opentelemetry-tracing.ts')).openTelemetryTracing(traces));
    return new TollgateSystem(store, { ...options, ...(tracing === undefined ? {} : { tracing }) });
  }

  /** This process serves the web app at `url`: emails link there unless TOLLGATE_PUBLIC_URL says otherwise. */
  servedAt(url: string): void {
    this.#webUrl ??= url;
  }

  /** Starts the worker, the schedule runner and the email retries in this process. */
  async startWorker(): Promise<void> {
    this.#started = true;
    await this.worker.start();
    this.schedules.start();
    this.mailRetries.start();
    await this.schedules.fireDue();
  }

  async close(): Promise<void> {
    await this.app.stripeIntake.drain();
    if (this.#started) {
      await this.schedules.stop();
      await this.mailRetries.stop();
      await this.worker.stop();
    }
    await this.store.close();
    await this.engine.tracing?.shutdown();
  }
}
