import type Stripe from 'stripe';
import type { ResolvedConnector } from '../../engine/operation.ts';
import { parseStripeConfig } from './stripe-connector-config.ts';
import { stripeRateAccount } from './stripe-rate-bucket.ts';
import { createStripeRateGate, gatedHttpClient, type StripeRateGate } from './stripe-rate-gate.ts';

/** Gives the SDK client for a resolved stripe connector. */
export type StripeClientFor = (connector: ResolvedConnector | undefined) => Promise<Stripe>;

/** The SDK's per-request timeout when the step gives none (the step timeout still aborts the call). */
export const STRIPE_TIMEOUT_MS = 30_000;

let sdk: typeof Stripe | undefined;

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
 * Clients of one secret key share its rate limit (`rate_limit`) through
 * `gate`: the system gives the engine's operations and the event poller one
 * gate (shared by every process on PostgreSQL); by default the cache has its own.
 */
export function createStripeClientCache(gate: StripeRateGate = createStripeRateGate()): StripeClientFor {
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
        ...(config.rateLimit === null ? {} : { httpClient: gatedHttpClient(StripeSdk.createNodeHttpClient(), gate, stripeRateAccount(config.secretKey), config.rateLimit) }),
      });
      clients.set(key, client);
    }
    return client;
  };
}
