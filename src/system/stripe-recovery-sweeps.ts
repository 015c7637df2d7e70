import type { Logger } from '../core/logger.ts';
import { stripeWebhookEndpoints } from '../application/stripe-webhook-endpoints.ts';
import { StripeEventRecoverySweep } from '../triggers/stripe-event-recovery-sweep.ts';
import type { TollgateSystem } from './tollgate-system.ts';

export interface StripeRecoverySweeps {
  /** Sweeps each Stripe connector whose events come by webhook (as connectors are now: one applied since start counts). */
  sweepAll(): Promise<void>;
  /** Resolves once the sweeps under way have ended. */
  settled(): Promise<void>;
}

/** The recovery sweep of every Stripe connector in webhook mode, one each, made when first needed. */
export function stripeRecoverySweeps(system: TollgateSystem, logger: Logger): StripeRecoverySweeps {
  const sweeps = new Map<string, StripeEventRecoverySweep>();
  const sweepOf = (connectorId: string): StripeEventRecoverySweep => {
    const known = sweeps.get(connectorId);
    if (known !== undefined) return known;
    system.app.metrics.stripeRecoveryWatched(connectorId);
    const sweep = new StripeEventRecoverySweep({
      stripe: () => system.app.stripeClientOf(connectorId),
      intake: system.app.stripeIntake,
      events: system.app.events,
      connectorId,
      clock: system.engine.clock,
      logger,
      observe: {
        recovered: (count) => system.app.metrics.stripeEventsRecovered(connectorId, 'sweep', count),
        failed: () => system.app.metrics.stripeRecoveryFailed(connectorId),
      },
    });
    sweeps.set(connectorId, sweep);
    return sweep;
  };
  return {
    async sweepAll() {
      for (const endpoint of await stripeWebhookEndpoints(system.app)) {
        if (endpoint.events === 'webhook') await sweepOf(endpoint.connector).sweep();
      }
    },
    async settled() {
      await Promise.all([...sweeps.values()].map((sweep) => sweep.settled()));
    },
  };
}
