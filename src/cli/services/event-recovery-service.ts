import type { Logger } from '../../core/logger.ts';
import { stripeRecoverySweeps } from '../../system/stripe-recovery-sweeps.ts';
import type { TollgateSystem } from '../../system/tollgate-system.ts';
import type { Service } from './service.ts';

/** Webhook mode: sweeps Stripe for undelivered events at start (the downtime) and every `intervalMs`. */
export function eventRecoveryService(system: TollgateSystem, logger: Logger, intervalMs: number): Service {
  const sweeps = stripeRecoverySweeps(system, logger);
  // A failed sweep is logged, and the next one covers its window again.
  const sweep = () => sweeps.sweepAll().catch((error: unknown) => logger.warn({ err: error }, 'recovering undelivered Stripe events failed; will try again'));
  let timer: NodeJS.Timeout | undefined;
  return {
    name: 'recovery',
    start() {
      // Not awaited: the server need not wait for Stripe, which may be slow or unreachable.
      void sweep();
      timer = setInterval(() => void sweep(), intervalMs);
      return Promise.resolve();
    },
    async stop() {
      clearInterval(timer);
      await sweeps.settled();
    },
    describe: () => `Stripe events not delivered are taken in from the Events API at start and every ${everyText(intervalMs)}`,
  };
}

function everyText(ms: number): string {
  return ms % 3_600_000 === 0 ? `${ms / 3_600_000} h` : `${Math.round(ms / 60_000)} min`;
}
