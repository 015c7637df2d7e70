/**
 * On demand, after an incident: reads a window of Stripe's Events API and takes in the events Tollgate lacks
 * (triggers/stripe-event-recovery.ts), or with `preview` only says which they are. Webhook mode sweeps the
 * undelivered ones by itself (stripe-event-recovery-sweep.ts); this reaches further back, or every event.
 */
import { InvalidInputError, NotFoundError, TollgateError } from '../core/errors.ts';
import type { Caller } from '../identity/caller.ts';
import { auditActorOf } from '../identity/audit-actor.ts';
import { mapStripeError } from '../connectors/stripe/index.ts';
import { recoverStripeEvents, STRIPE_EVENT_RETENTION_MS, type ListStripeEvents, type RecoveryReport, type RecoveryScope } from '../triggers/stripe-event-recovery.ts';
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
  caller: Caller | undefined;
}

export interface RecoverEventsResult extends RecoveryReport {
  connector: string;
  since: Date;
  until: Date;
  scope: RecoveryScope;
  preview: boolean;
}

/**
 * @throws InvalidInputError `recovery_window_invalid` (the window is empty, or starts more than 30 days ago), `connector_ambiguous`
 * @throws NotFoundError `connector_not_found` (no stripe connector of that id); Stripe's own errors as `stripe_*` codes
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
  const listEvents: ListStripeEvents = (params) =>
    stripe.events.list(params).catch(async (error: unknown) => {
      throw error instanceof TollgateError ? error : await mapStripeError(error, { operation: 'stripe.events.list', now: app.engine.clock.now() });
    });
  const report = await recoverStripeEvents({ listEvents, intake: app.stripeIntake, events: app.events, connectorId: connector, since: input.since, until, scope: input.scope, preview: input.preview });
  if (!input.preview) {
    app.metrics.stripeEventsRecovered(connector, 'on_demand', report.missingCount);
    const detail = { connector, since: input.since.toISOString(), until: until.toISOString(), scope: input.scope, listed: report.listed, taken: report.missingCount, events: report.missing.slice(0, 100).map((event) => event.id) };
    await app.engine.store.audit.record([{ actor: auditActorOf(input.caller), action: 'events.recovered', target: { type: 'connector', id: connector }, detail, at: app.engine.clock.now() }]);
  }
  return { ...report, connector, since: input.since, until, scope: input.scope, preview: input.preview };
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
