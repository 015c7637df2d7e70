/**
 * On demand, after an incident: reads a window of Stripe's Events API and takes in the events Tollgate lacks
 * (triggers/stripe-event-recovery.ts), or with `preview` only says which they are. Webhook mode sweeps the
 * undelivered ones by itself (stripe-event-recovery-sweep.ts); this reaches further back, or every event.
 */
import { InvalidInputError, NotFoundError, PermanentError, TollgateError } from '../core/errors.ts';
import type { Caller } from '../identity/caller.ts';
import { auditActorOf } from '../identity/audit-actor.ts';
import { mapStripeError } from '../connectors/stripe/index.ts';
import { mergedReports, recoverStripeEvents, STRIPE_EVENT_RETENTION_MS, type ListStripeEvents, type RecoveryReport, type RecoveryScope } from '../triggers/stripe-event-recovery.ts';
import type { AppContext } from './app-context.ts';
import { stripeWebhookEndpoints } from './stripe-webhook-endpoints.ts';

export interface RecoverEventsInput {
  /** The stripe connector; may be left out when there is one. */
  connector?: string;
  since: Date;
  /** Defaults to now; a later time counts as now. */
  until?: Date;
  scope: RecoveryScope;
  preview: boolean;
  /** Connected accounts whose events to read too, after the platform's own (Connect platforms). */
  accounts?: readonly string[];
  caller: Caller | undefined;
}

export interface RecoverEventsResult extends RecoveryReport {
  connector: string;
  since: Date;
  until: Date;
  scope: RecoveryScope;
  preview: boolean;
  accounts: readonly string[];
}

/**
 * @throws InvalidInputError `recovery_window_invalid` (the window is empty, or starts more than 30 days ago), `connector_ambiguous`
 * @throws NotFoundError `connector_not_found` (no stripe connector of that id); Stripe's own errors as `stripe_*` codes;
 *   InvalidInputError `recovery_account_refused` at `accounts[i]` when Stripe refused to list a connected account's
 *   events. What was taken in before an error is kept, and audited.
 */
export async function recoverMissedStripeEvents(app: AppContext, input: RecoverEventsInput): Promise<RecoverEventsResult> {
  const connector = await stripeConnectorId(app, input.connector);
  const now = app.engine.clock.now();
  const until = input.until === undefined || input.until > now ? now : input.until;
  if (input.since.getTime() < now.getTime() - STRIPE_EVENT_RETENTION_MS) {
    throw new InvalidInputError('recovery_window_invalid', `since ${input.since.toISOString()} is more than 30 days ago: Stripe keeps events for 30 days`, [], { path: 'since' });
  }
  if (input.since >= until) {
    throw new InvalidInputError('recovery_window_invalid', `since ${input.since.toISOString()} is not before until ${until.toISOString()}`, [], { path: 'since' });
  }
  const stripe = await app.stripeClientOf(connector);
  const accounts = input.accounts ?? [];
  const reports: RecoveryReport[] = [];
  const recorded = async () => {
    const report = mergedReports(reports);
    if (input.preview || reports.length === 0) return report;
    app.metrics.stripeEventsRecovered(connector, 'on_demand', report.missingCount);
    const detail = {
      connector,
      since: input.since.toISOString(),
      until: until.toISOString(),
      scope: input.scope,
      ...(accounts.length === 0 ? {} : { accounts: accounts.slice(0, reports.length - 1) }),
      listed: report.listed,
      taken: report.missingCount,
      events: report.missing.slice(0, 100).map((event) => event.id),
    };
    await app.engine.store.audit.record([{ actor: auditActorOf(input.caller), action: 'events.recovered', target: { type: 'connector', id: connector }, detail, at: app.engine.clock.now() }]);
    return report;
  };
  for (const [index, account] of [null, ...accounts].entries()) {
    const listEvents: ListStripeEvents = (params) =>
      stripe.events.list(params, account === null ? {} : { stripeAccount: account }).catch(async (error: unknown) => {
        const mapped = error instanceof TollgateError ? error : await mapStripeError(error, { operation: 'stripe.events.list', now: app.engine.clock.now() });
        throw account === null ? mapped : atAccount(mapped, account, index - 1);
      });
    try {
      reports.push(await recoverStripeEvents({ listEvents, intake: app.stripeIntake, events: app.events, connectorId: connector, account, since: input.since, until, scope: input.scope, preview: input.preview }));
    } catch (error) {
      await recorded();
      throw error;
    }
  }
  const report = await recorded();
  return { ...report, connector, since: input.since, until, scope: input.scope, preview: input.preview, accounts };
}

/** Stripe's refusal to list a connected account's events (not connected, not this key's) is the request's fault, at that account; an outage stays what it is. */
function atAccount(error: TollgateError, account: string, index: number): TollgateError {
  if (!(error instanceof PermanentError)) return error;
  return new InvalidInputError('recovery_account_refused', `Stripe refused to list the events of connected account ${account}: ${error.message}`, [], { path: `accounts[${index}]`, cause: error });
}

/** The stripe connector named, or the only one. */
async function stripeConnectorId(app: AppContext, named: string | undefined): Promise<string> {
  const known = (await stripeWebhookEndpoints(app)).map((endpoint) => endpoint.connector);
  if (named !== undefined) {
    if (!known.includes(named)) throw new NotFoundError('connector_not_found', `no stripe connector "${named}"; stripe connectors: ${known.join(', ') || '(none)'}`, { path: 'connector' });
    return named;
  }
  const [only, ...others] = known;
  if (only === undefined) throw new NotFoundError('connector_not_found', 'no stripe connector is configured', { path: 'connector' });
  if (others.length > 0) throw new InvalidInputError('connector_ambiguous', `several stripe connectors (${known.join(', ')}); name one`, [], { path: 'connector' });
  return only;
}
