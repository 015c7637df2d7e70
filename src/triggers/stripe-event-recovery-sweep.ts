import type Stripe from 'stripe';
import type { Clock } from '../core/clock.ts';
import type { Logger } from '../core/logger.ts';
import type { EventStore } from '../store/event-store.ts';
import type { StripeEventIntake } from './stripe-event-intake.ts';
import { recoverStripeEvents, STRIPE_EVENT_RETENTION_MS, type RecoveryReport } from './stripe-event-recovery.ts';

/** How far back each sweep looks before the last one ran: Stripe lists a new event a moment after it happens. */
export const SWEEP_OVERLAP_MS = 10 * 60 * 1000;

export interface RecoverySweepOptions {
  /** The SDK client, made when the first sweep needs it. */
  stripe: () => Promise<Stripe>;
  intake: StripeEventIntake;
  events: EventStore;
  connectorId: string;
  clock: Clock;
  logger: Logger;
  /** Told what each sweep did (metrics). */
  observe?: { recovered(count: number): void; failed(): void };
}

/**
 * Webhook mode's safety net for one Stripe connector: each sweep (on a timer:
 * cli/services/event-recovery-service.ts) asks Stripe for the events it has
 * not delivered (`delivery_success=false`) since a little before the last
 * sweep, and takes in those Tollgate lacks, so nothing is lost while the
 * server was down or after Stripe stopped retrying. The first sweep of an
 * installation only marks the time: events from before Tollgate watched start
 * nothing. The mark (the next window's start) is stored, so a restart sweeps
 * the downtime; it moves on only once a sweep has taken its whole window in.
 */
export class StripeEventRecoverySweep {
  readonly #options: RecoverySweepOptions;
  #sweeping: Promise<RecoveryReport | undefined> | undefined;

  constructor(options: RecoverySweepOptions) {
    this.#options = options;
  }

  get cursorName(): string {
    return `stripe-recovery:${this.#options.connectorId}`;
  }

  /** Resolves once the sweep under way, if any, has ended. */
  async settled(): Promise<void> {
    await this.#sweeping;
  }

  /** Sweeps now (or joins the sweep under way); undefined when it only marked the time, or failed (it is logged and tried again later). */
  sweep(): Promise<RecoveryReport | undefined> {
    this.#sweeping ??= this.#sweep()
      .catch((error: unknown) => {
        this.#options.observe?.failed();
        this.#options.logger.warn({ err: error, connector: this.#options.connectorId }, 'recovering undelivered Stripe events failed; will try again');
        return undefined;
      })
      .finally(() => (this.#sweeping = undefined));
    return this.#sweeping;
  }

  async #sweep(): Promise<RecoveryReport | undefined> {
    const { intake, events, clock, connectorId, logger } = this.#options;
    const now = clock.now();
    const from = Date.parse((await events.getCursor(this.cursorName)) ?? '');
    if (Number.isNaN(from)) {
      await events.setCursor(this.cursorName, now.toISOString(), now);
      return undefined;
    }
    // Within what Stripe keeps, and not after now (a mark left by a clock that ran ahead would skip events).
    const since = new Date(Math.min(now.getTime(), Math.max(now.getTime() - STRIPE_EVENT_RETENTION_MS, from)));
    const stripe = await this.#options.stripe();
    const report = await recoverStripeEvents({ intake, events, connectorId, account: null, listEvents: (params) => stripe.events.list(params), since, until: now, scope: 'undelivered', preview: false });
    // The next window overlaps this one: Stripe lists a new event a moment after it happens.
    await events.setCursor(this.cursorName, new Date(Math.max(since.getTime(), now.getTime() - SWEEP_OVERLAP_MS)).toISOString(), now);
    this.#options.observe?.recovered(report.missingCount);
    if (report.missingCount > 0) {
      logger.info({ connector: connectorId, since: since.toISOString(), events: report.missingCount }, `took in ${report.missingCount} Stripe event(s) that were not delivered`);
    }
    return report;
  }
}
