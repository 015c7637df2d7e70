/**
 * Stripe through its real API, from STRIPE_SECRET_KEY: apart from the sandbox
 * (stripe-setup.ts), so that `serve` and `worker`, which never start it, do not load it.
 */
import { parseStripeConfig } from '../connectors/stripe/stripe-connector-config.ts';
import type { ResolvedConnector } from '../engine/operation.ts';
import type { StripeSandbox } from '../sandbox/index.ts';
import type { Config } from './config.ts';

/** Where Stripe is for this process: the real API with the configured key, or the built-in sandbox. */
export interface StripeSetup {
  connector: ResolvedConnector;
  sandbox: StripeSandbox | undefined;
  /** Once the server listens: makes the sandbox deliver its events (queued ones first) to it. */
  connectWebhooks(serverUrl: string): void;
  describe(): string;
  stop(): Promise<void>;
}

/**
 * With STRIPE_SECRET_KEY: the built-in `stripe` connector for the real API
 * (its webhook secrets from STRIPE_WEBHOOK_SECRET, its rate from
 * TOLLGATE_STRIPE_RATE_LIMIT). `tollgate serve` and `worker` use this alone:
 * they never start the sandbox. Undefined without a key.
 */
export function stripeApiSetup(config: Config): StripeSetup | undefined {
  if (config.stripeSecretKey === undefined) return undefined;
  const connector = {
    id: 'stripe',
    type: 'stripe',
    config: { secret_key: config.stripeSecretKey, webhook_secrets: config.stripeWebhookSecrets, ...(config.stripeRateLimit === undefined ? {} : { rate_limit: config.stripeRateLimit }) },
  };
  return {
    connector,
    sandbox: undefined,
    connectWebhooks: () => undefined,
    describe: () => {
      const mode = config.stripeSecretKey?.startsWith('sk_live_') || config.stripeSecretKey?.startsWith('rk_live_') ? 'live' : 'test';
      const rate = parseStripeConfig(connector).rateLimit;
      return `Stripe API (${mode} mode), events by ${config.stripeEvents}, ${rate === null ? 'no rate limit' : `at most ${rate} requests/s ${config.databaseUrl ? 'from all processes of the database' : 'from this process'}`}`;
    },
    stop: () => Promise.resolve(),
  };
}

