import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { ResolvedConnector } from '../engine/operation.ts';
import { StripeSandbox } from '../sandbox/index.ts';
import type { Config } from './config.ts';

/** The sandbox's API key: accepted by the sandbox only. */
export const SANDBOX_SECRET_KEY = 'sk_test_tollgate_sandbox';

/** Where Stripe is for this process: the real API with the configured key, or the built-in sandbox. */
export interface StripeSetup {
  connector: ResolvedConnector;
  sandbox: StripeSandbox | undefined;
  /** Once the server listens: makes the sandbox deliver its events to it. */
  connectWebhooks(serverUrl: string): void;
  describe(): string;
  stop(): Promise<void>;
}

/**
 * With STRIPE_SECRET_KEY: a built-in `stripe` connector for the real API.
 * Without: starts the Stripe sandbox (state kept under the data directory)
 * and points the built-in connector at it, so the first run works offline.
 * A Connector document of type stripe, when applied, takes precedence.
 */
export async function setUpStripe(config: Config, options: { host: string }): Promise<StripeSetup> {
  if (config.stripeSecretKey !== undefined) {
    return {
      connector: { id: 'stripe', type: 'stripe', config: { secret_key: config.stripeSecretKey, webhook_secrets: config.stripeWebhookSecrets } },
      sandbox: undefined,
      connectWebhooks: () => undefined,
      describe: () => `Stripe API (${config.stripeSecretKey?.startsWith('sk_live_') || config.stripeSecretKey?.startsWith('rk_live_') ? 'live' : 'test'} mode), events by ${config.stripeEvents}`,
      stop: () => Promise.resolve(),
    };
  }
  const sandbox = new StripeSandbox({ stateFile: join(config.dataDir, 'stripe-sandbox.json') });
  const { url } = await sandbox.start({ port: config.sandboxPort, host: options.host });
  const webhookSecret = `whsec_${randomBytes(24).toString('base64')}`;
  return {
    connector: { id: 'stripe', type: 'stripe', config: { secret_key: SANDBOX_SECRET_KEY, api_base: url, webhook_secrets: [webhookSecret] } },
    sandbox,
    connectWebhooks(serverUrl) {
      sandbox.addEndpoint({ url: `${serverUrl}/webhooks/stripe/stripe`, secret: webhookSecret });
    },
    describe: () => `sandbox at ${url} (no STRIPE_SECRET_KEY set)`,
    stop: () => sandbox.stop(),
  };
}
