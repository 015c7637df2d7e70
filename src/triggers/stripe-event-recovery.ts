import type Stripe from 'stripe';
import type { EventStore } from '../store/event-store.ts';
import type { StripeEventIntake } from './stripe-event-intake.ts';

/** How long Stripe keeps events for the Events API to list. */
export const STRIPE_EVENT_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

/** The missing events a report names one by one; past this it gives only their count. */
export const MAX_NAMED_EVENTS = 1000;

/** `undelivered`: the events Stripe has not delivered to every endpoint (pending or failed); `all`: every event of the window. */
export type RecoveryScope = 'undelivered' | 'all';

/** One page of Stripe's Events API (`stripe.events.list`), as the caller wants its errors. */
export type ListStripeEvents = (params: Stripe.EventListParams) => Promise<Stripe.ApiList<Stripe.Event>>;

export interface RecoveryOptions {
  listEvents: ListStripeEvents;
  intake: StripeEventIntake;
  events: EventStore;
  connectorId: string;
  /**
   * The connected account whose events `listEvents` reads (Stripe lists an
   * account's events only to a request made as that account); each is taken
   * in with `account` set, as a Connect webhook carries it. Null: the platform's own.
   */
  account: string | null;
  /** The window, by Stripe's `created`. */
  since: Date;
  until: Date;
  scope: RecoveryScope;
  /** Only report what is missing; take nothing in. */
  preview: boolean;
}

export interface MissingEvent {
  id: string;
  type: string;
  /** The connected account it came from; null for the platform's own. */
  account: string | null;
  /** Stripe's `created`, unix seconds. */
  created: number;
  /** The runs it started (none in a preview). */
  runs: string[];
}

export interface RecoveryReport {
  /** Events Stripe listed in the window. */
  listed: number;
  /** Of those, the ones Tollgate held already (a webhook that raced the recovery counts here). */
  alreadyStored: number;
  /** The others: taken in, or in a preview, what would be. */
  missingCount: number;
  /** The first MAX_NAMED_EVENTS of them, newest first. */
  missing: MissingEvent[];
}

/**
 * Takes in the Stripe events of a window that Tollgate does not hold: after
 * downtime, or once Stripe gave up on (or disabled) the webhook endpoint.
 * Stripe's Events API is read page by page, newest first as it lists them;
 * each page's missing events go to the intake together, oldest first (webhook
 * deliveries promise no order either). The intake stores each event once by
 * id, so a recovery that races a delivery, or runs twice, starts nothing twice.
 */
export async function recoverStripeEvents(options: RecoveryOptions): Promise<RecoveryReport> {
  const report: RecoveryReport = { listed: 0, alreadyStored: 0, missingCount: 0, missing: [] };
  const params: Stripe.EventListParams = {
    limit: 100,
    created: { gte: unixSeconds(options.since), lte: unixSeconds(options.until) },
    ...(options.scope === 'undelivered' ? { delivery_success: false } : {}),
  };
  let page = await options.listEvents(params);
  for (;;) {
    await takePage(options, page.data, report);
    const last = page.data.at(-1);
    if (!page.has_more || last === undefined) return report;
    page = await options.listEvents({ ...params, starting_after: last.id });
  }
}

async function takePage(options: RecoveryOptions, page: readonly Stripe.Event[], report: RecoveryReport): Promise<void> {
  report.listed += page.length;
  const stored = await options.events.storedIds(page.map((event) => event.id));
  const missing = page.filter((event) => !stored.has(event.id)).map((event) => (options.account === null ? event : { ...event, account: event.account ?? options.account }));
  report.alreadyStored += stored.size;
  // Handed in together, so the intake writes the page in one batch; a preview hands in nothing.
  const taken = options.preview
    ? undefined
    : (await Promise.all(missing.toReversed().map((event) => options.intake.accept(event, { connectorId: options.connectorId, source: 'recovery' })))).toReversed();
  missing.forEach((event, index) => {
    const result = taken?.[index];
    // Stored meanwhile, by a delivery that raced this recovery.
    if (result?.duplicate === true) {
      report.alreadyStored += 1;
      return;
    }
    report.missingCount += 1;
    if (report.missing.length < MAX_NAMED_EVENTS) report.missing.push({ id: event.id, type: event.type, account: event.account ?? null, created: event.created, runs: result?.runs ?? [] });
  });
}

function unixSeconds(at: Date): number {
  return Math.floor(at.getTime() / 1000);
}

/** One report of several reads (the platform's, each connected account's): the missing events newest first, as Stripe lists them. */
export function mergedReports(reports: readonly RecoveryReport[]): RecoveryReport {
  const missing = reports.flatMap((report) => report.missing).sort((a, b) => b.created - a.created);
  return {
    listed: reports.reduce((sum, report) => sum + report.listed, 0),
    alreadyStored: reports.reduce((sum, report) => sum + report.alreadyStored, 0),
    missingCount: reports.reduce((sum, report) => sum + report.missingCount, 0),
    missing: missing.slice(0, MAX_NAMED_EVENTS),
  };
}
