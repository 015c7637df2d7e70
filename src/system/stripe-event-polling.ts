import type { Logger } from '../core/logger.ts';
import type { ResolvedConnector } from '../engine/operation.ts';
import { StripeEventPoller } from '../triggers/stripe-event-poller.ts';
import type { TollgateSystem } from './tollgate-system.ts';

/** A poller reading the Events API of `connector` into the system's intake. */
export function stripeEventPoller(system: TollgateSystem, connector: ResolvedConnector, logger: Logger, intervalMs = 5000): StripeEventPoller {
  return new StripeEventPoller({
    stripe: () => system.stripeClients(connector),
    intake: system.app.stripeIntake,
    events: system.app.events,
    connectorId: connector.id,
    clock: system.engine.clock,
    logger,
    intervalMs,
  });
}
