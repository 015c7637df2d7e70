import type { Logger } from '../../core/logger.ts';
import type { ResolvedConnector } from '../../engine/operation.ts';
import type { TollgateSystem } from '../../system/tollgate-system.ts';
import { stripeEventPoller } from '../../system/stripe-event-polling.ts';
import type { Service } from './service.ts';

/** Polling mode: reads Stripe's Events API every few seconds instead of taking webhooks. */
export function eventPollerService(system: TollgateSystem, connector: ResolvedConnector, logger: Logger): Service {
  const poller = stripeEventPoller(system, connector, logger);
  return {
    name: 'events',
    async start() {
      await poller.poll();
      poller.start();
    },
    stop: () => poller.stop(),
    describe: () => 'polling the Stripe Events API every 5 s',
  };
}
