import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { TollgateError } from '../core/errors.ts';
import { listChoices, suggestion } from '../definition/did-you-mean.ts';
import { STRIPE_EVENT_TYPES } from '../definition/stripe-event-types.ts';
import { StripeSandbox } from '../sandbox/index.ts';
import type { Config } from './config.ts';
import { stripeApiSetup, type StripeSetup } from './stripe-api-setup.ts';
import { hostInvalid } from './listen-errors.ts';

/** The sandbox's API key: accepted by the sandbox only. */
export const SANDBOX_SECRET_KEY = 'sk_test_tollgate_sandbox';

export type { StripeSetup } from './stripe-api-setup.ts';

/** Marks the webhook endpoint `tollgate start` delivers to, so a restart finds it (and its secret) again. */
const START_ENDPOINT_METADATA = { tollgate: 'start' } as const;

/**
 * Waits between webhook retries in `tollgate start`, like Stripe's (which
 * retries for days), shortened for a local setup: about a day in all.
 */
const START_RETRY_DELAYS_MS = [500, 2_000, 5_000, 15_000, 60_000, 300_000, 900_000, 3_600_000, 3_600_000 * 3, 3_600_000 * 6, 3_600_000 * 12];

/**
 * With STRIPE_SECRET_KEY: a built-in `stripe` connector for the real API.
 * Without: starts the Stripe sandbox (state and webhook queue kept under the
 * data directory) and points the built-in connector at it, so the first run
 * works offline. A Connector document of type stripe, when applied, takes precedence.
 */
export async function setUpStripe(config: Config, options: { host: string }): Promise<StripeSetup> {
  const api = stripeApiSetup(config);
  if (api !== undefined) return api;
  const sandbox = new StripeSandbox({
    stateFile: join(config.dataDir, 'stripe-sandbox.json'),
    // Nothing can receive the queued events before the server listens: connectWebhooks releases them.
    holdDeliveries: true,
    webhookRetryDelaysMs: START_RETRY_DELAYS_MS,
    eventTypes: { known: STRIPE_EVENT_TYPES, unknown: unknownEventTypeMessage },
  });
  const { url } = await startSandbox(sandbox, config.sandboxPort, options.host);
  // The secret outlives restarts: events queued by the last process are signed with it, and the connector checks it.
  const stored = sandbox.endpoints.find((endpoint) => endpoint.metadata.tollgate === START_ENDPOINT_METADATA.tollgate);
  const webhookSecret = stored?.secret ?? `whsec_${randomBytes(24).toString('base64')}`;
  return {
    connector: { id: 'stripe', type: 'stripe', config: { secret_key: SANDBOX_SECRET_KEY, api_base: url, webhook_secrets: [webhookSecret] } },
    sandbox,
    connectWebhooks(serverUrl) {
      const endpointUrl = `${serverUrl}/webhooks/stripe/stripe`;
      sandbox.addEndpoint(stored === undefined ? { url: endpointUrl, secret: webhookSecret, metadata: START_ENDPOINT_METADATA } : { id: stored.id, url: endpointUrl, secret: webhookSecret });
      sandbox.releaseDeliveries();
    },
    describe: () => `sandbox at ${url} (no STRIPE_SECRET_KEY set)`,
    stop: () => sandbox.stop(),
  };
}

/** `Unknown Stripe event type "x" (did you mean "y"?)`, with where the list is. */
export function unknownEventTypeMessage(type: string): string {
  const close = suggestion(type, STRIPE_EVENT_TYPES);
  const sameObject = STRIPE_EVENT_TYPES.filter((known) => known.startsWith(`${type.slice(0, type.lastIndexOf('.'))}.`));
  const hint = sameObject.length === 0 ? '' : ` Types of that object: ${listChoices(sameObject)}.`;
  return `"${type}" is not a Stripe event type${close}.${hint} GET /api/v1/sandbox lists them all.`;
}

async function startSandbox(sandbox: StripeSandbox, port: number, host: string): Promise<{ url: string }> {
  try {
    return await sandbox.start({ port, host });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new TollgateError(
        'port_in_use',
        `port ${port} of the Stripe sandbox is in use (is another \`tollgate start\` running?): set TOLLGATE_SANDBOX_PORT to a free port (0 picks one), or stop what uses it (port_in_use)`,
        { cause: error },
      );
    }
    // The sandbox listens on the server's host, and first: a wrong TOLLGATE_HOST shows here.
    throw hostInvalid(error, host) ?? error;
  }
}
