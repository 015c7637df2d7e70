import type { Clock } from '../core/clock.ts';
import { TransientError } from '../core/errors.ts';
import type { BacklogReading } from './queue-backlog-gauge.ts';

/** What the intake knows of the queue when a delivery arrives. */
export interface IntakeLoad {
  /** Due work no worker holds. */
  depth: number;
  /** How long the oldest of it has waited, in ms. */
  oldestAgeMs: number;
  /** Items per second the local worker takes from the queue while work waits; undefined when unknown (no worker here, or never that busy). */
  drainPerSecond: number | undefined;
}

export type AdmissionDecision = { admit: true; lagMs: number } | { admit: false; lagMs: number; retryAfterMs: number };

const MIN_RETRY_AFTER_MS = 1000;
const MAX_RETRY_AFTER_MS = 60_000;

/**
 * How long new work would wait before a worker takes it (the lag), and
 * whether to take it: the longer of what the oldest waiting item has waited
 * and what the queue takes to drain at the rate the worker drains it. Past
 * `maxLagMs`, refuse, and say when to come back: when the lag should be half
 * the limit again.
 */
export function decideAdmission(load: IntakeLoad, maxLagMs: number): AdmissionDecision {
  const drainMs = load.drainPerSecond !== undefined && load.drainPerSecond > 0 ? (load.depth / load.drainPerSecond) * 1000 : 0;
  const lagMs = Math.max(load.oldestAgeMs, drainMs);
  if (lagMs <= maxLagMs) return { admit: true, lagMs };
  return { admit: false, lagMs, retryAfterMs: Math.min(MAX_RETRY_AFTER_MS, Math.max(MIN_RETRY_AFTER_MS, lagMs - maxLagMs / 2)) };
}

export interface IntakeAdmissionOptions {
  backlog: { read(): Promise<BacklogReading> };
  /** The local worker's drain rate (AdaptiveConcurrency.drainPerSecond). */
  drainPerSecond: () => number | undefined;
  clock: Clock;
  /** The longest new work may wait (TOLLGATE_INTAKE_MAX_LAG); undefined takes everything. */
  maxLagMs: number | undefined;
}

/**
 * Backpressure at the intake: asked before a webhook delivery stores
 * anything. Webhook senders retry a 503 (Stripe does, for days), so a
 * refusal loses nothing, while work taken past what the workers can finish
 * would only wait longer and longer.
 */
export class IntakeAdmission {
  readonly #options: IntakeAdmissionOptions;

  constructor(options: IntakeAdmissionOptions) {
    this.#options = options;
  }

  /**
   * Resolves when the queue takes new work.
   * @throws TransientError `intake_overloaded` (HTTP 503 with Retry-After) when new work would wait longer than the limit
   */
  async admit(): Promise<void> {
    const { maxLagMs, backlog, clock, drainPerSecond } = this.#options;
    if (maxLagMs === undefined) return;
    // A backlog that cannot be read says nothing about load: the delivery goes on, and its own write meets the outage.
    const reading = await backlog.read().catch(() => undefined);
    if (reading === undefined) return;
    const oldestAgeMs = reading.oldestDueAt === undefined ? 0 : Math.max(0, clock.now().getTime() - reading.oldestDueAt.getTime());
    const decision = decideAdmission({ depth: reading.depth, oldestAgeMs, drainPerSecond: drainPerSecond() }, maxLagMs);
    if (decision.admit) return;
    throw new TransientError(
      'intake_overloaded',
      `the workers are behind: new work would wait about ${Math.ceil(decision.lagMs / 1000)} s, more than TOLLGATE_INTAKE_MAX_LAG (${maxLagMs} ms); nothing was stored, send it again after Retry-After`,
      { retryAfterMs: decision.retryAfterMs, details: { depth: reading.depth, lag_ms: Math.round(decision.lagMs) } },
    );
  }
}
