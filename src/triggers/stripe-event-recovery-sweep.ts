import type Stripe from 'stripe';
import type { Clock } from '../core/clock.ts';
import type { Logger } from '../core/logger.ts';
import type { EventStore } from '../store/event-store.ts';
import type { StripeEventIntake } from './stripe-event-intake.ts';
import { mergedReports, recoverStripeEvents, STRIPE_EVENT_RETENTION_MS, type RecoveryReport } from './stripe-event-recovery.ts';

/** How far back each sweep looks before the last one ran: Stripe lists a new event a moment after it happens. */
export const SWEEP_OVERLAP_MS = 10 * 60 * 1000;

/** The connected accounts a sweep reads at most, the most recently seen first; others are recovered on demand. */
export const SWEEP_MAX_ACCOUNTS = 50;

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
 * nothing. A Connect platform's connected accounts are read too, each as
 * itself (Stripe lists an account's events to no one else): those Tollgate has
 * had events from within Stripe's 30 days, up to SWEEP_MAX_ACCOUNTS. An account
 * Stripe refuses (disconnected since) is logged and passed over, so it cannot
 * hold the mark back. The mark (the next window's start) is stored, so a restart sweeps
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
    const read = (account: string | null) =>
      recoverStripeEvents({
        intake,
        events,
        connectorId,
        account,
        listEvents: (params) => stripe.events.list(params, account === null ? {} : { stripeAccount: account }),
        since,
        until: now,
        scope: 'undelivered',
        preview: false,
      });
    const report = mergedReports([await read(null), ...(await this.#readConnectedAccounts(read, now))]);
    // The next window overlaps this one: Stripe lists a new event a moment after it happens.
    await events.setCursor(this.cursorName, new Date(Math.max(since.getTime(), now.getTime() - SWEEP_OVERLAP_MS)).toISOString(), now);
    this.#options.observe?.recovered(report.missingCount);
    if (report.missingCount > 0) {
      logger.info({ connector: connectorId, since: since.toISOString(), events: report.missingCount }, `took in ${report.missingCount} Stripe event(s) that were not delivered`);
    }
    return report;
  }

  /** Reads each connected account this connector had events from within Stripe's 30 days, the most recently seen first. */
  async #readConnectedAccounts(read: (account: string) => Promise<RecoveryReport>, now: Date): Promise<RecoveryReport[]> {
    const { events, connectorId, logger } = this.#options;
    const accounts = await events.connectedAccounts(connectorId, new Date(now.getTime() - STRIPE_EVENT_RETENTION_MS), SWEEP_MAX_ACCOUNTS + 1);
    if (accounts.length > SWEEP_MAX_ACCOUNTS) {
      logger.warn({ connector: connectorId, read: SWEEP_MAX_ACCOUNTS }, `more than ${SWEEP_MAX_ACCOUNTS} connected accounts sent events; the sweep reads the ${SWEEP_MAX_ACCOUNTS} seen last: recover others with tollgate events recover --account`);
    }
    const reports: RecoveryReport[] = [];
    for (const account of accounts.slice(0, SWEEP_MAX_ACCOUNTS)) {
      try {
        reports.push(await read(account));
      } catch (error) {
        if (!refusedForGood(error)) throw error;
        this.#options.observe?.failed();
        logger.warn({ err: error, connector: connectorId, account }, `Stripe refused to list connected account ${account}'s events; the sweep passes it over`);
      }
    }
    return reports;
  }
}

/** A 4xx other than 429: asking again will not help (an account disconnected, a key that may not act for it). */
function refusedForGood(error: unknown): boolean {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 && status !== 429;
}
