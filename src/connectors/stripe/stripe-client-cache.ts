import type Stripe from 'stripe';
import type { ResolvedConnector } from '../../engine/operation.ts';
import { parseStripeConfig } from './stripe-connector-config.ts';
import { createStripeRateGate, gatedHttpClient, type StripeRateGate } from './stripe-rate-gate.ts';

/** Gives the SDK client for a resolved stripe connector. */
export type StripeClientFor = (connector: ResolvedConnector | undefined) => Promise<Stripe>;

/** The SDK's per-request timeout when the step gives none (the step timeout still aborts the call). */
export const STRIPE_TIMEOUT_MS = 30_000;

let sdk: typeof Stripe | undefined;

/** The rate limit is Stripe's per account, so one gate serves every client in the process. */
const PROCESS_GATE = createStripeRateGate();

/** What the process's gate holds back: for /metrics. */
export const stripeRateGate: Pick<StripeRateGate, 'waiting' | 'waitedSeconds'> = PROCESS_GATE;

/**
 * The Stripe SDK, loaded by the first call that needs it: its 500 modules
 * (about 20 MB) are not in a process that never calls Stripe, and the intake
 * checks webhook signatures without it (triggers/stripe-signature.ts).
 */
export async function loadStripeSdk(): Promise<typeof Stripe> {
  sdk ??= (await import('stripe')).default;
  return sdk;
}

/**
 * One SDK client per distinct connector config, built on first use. The
 * engine owns retries, so the SDK's own are off (`maxNetworkRetries: 0`).
 * Clients of one secret key share its rate limit (`rate_limit`): by default
 * through the process's one gate, so the event poller's calls count too.
 */
export function createStripeClientCache(gate = PROCESS_GATE): StripeClientFor {
  const clients = new Map<string, Stripe>();
  return async (connector) => {
    const config = parseStripeConfig(connector);
    const key = JSON.stringify([config.secretKey, config.apiBase, config.apiVersion, config.rateLimit]);
    let client = clients.get(key);
    if (client === undefined) {
      const StripeSdk = await loadStripeSdk();
      client = new StripeSdk(config.secretKey, {
        maxNetworkRetries: 0,
        timeout: STRIPE_TIMEOUT_MS,
        telemetry: false,
        appInfo: { name: 'Tollgate' },
        ...(config.apiVersion === undefined ? {} : { apiVersion: config.apiVersion as Stripe.LatestApiVersion }),
        ...(config.apiBase === undefined ? {} : config.apiBase),
        ...(config.rateLimit === null ? {} : { httpClient: gatedHttpClient(StripeSdk.createNodeHttpClient(), gate, config.secretKey, config.rateLimit) }),
      });
      clients.set(key, client);
    }
    return client;
  };
}
