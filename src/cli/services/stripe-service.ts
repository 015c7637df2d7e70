import type { StripeSetup } from '../../system/stripe-setup.ts';
import type { Service } from './service.ts';

/** Stripe for `start`: once the server listens, the sandbox (if any) delivers its events to it. The sandbox itself stops after the store closes. */
export function stripeService(stripe: StripeSetup, serverUrl: () => string): Service {
  return {
    name: 'stripe',
    start() {
      stripe.connectWebhooks(serverUrl());
      return Promise.resolve();
    },
    stop: () => Promise.resolve(),
    describe: () => stripe.describe(),
  };
}
