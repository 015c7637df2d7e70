/**
 * Where Stripe delivers each stripe connector's events (`POST /webhooks/stripe/<connector>`), for Settings to
 * show and people to paste into Stripe's dashboard: every applied stripe connector, and the one `tollgate start`
 * builds in, unless an applied connector has its id (that one is resolved instead).
 */
import type { AppContext } from './app-context.ts';
import { publicUrlOf } from './public-url.ts';

export interface StripeWebhookEndpoint {
  connector: string;
  /** The path on the server's public URL, e.g. `/webhooks/stripe/stripe`. */
  path: string;
  /** The whole URL on TOLLGATE_PUBLIC_URL; null when that is not set. */
  url: string | null;
  /** The connector `tollgate start` builds in, not an applied Connector. */
  builtIn: boolean;
  /** `poll`: its events are read from Stripe's Events API and need no endpoint. */
  events: 'webhook' | 'poll';
}

/** The path Stripe delivers a connector's events to. */
export function stripeWebhookPath(connectorId: string): string {
  return `/webhooks/stripe/${encodeURIComponent(connectorId)}`;
}

/** The built-in connector first, then the applied ones by id. */
export async function stripeWebhookEndpoints(app: AppContext): Promise<StripeWebhookEndpoint[]> {
  const connectors = await app.engine.store.listConnectors();
  const applied = connectors
    .filter((connector) => connector.type === 'stripe')
    .map((connector): StripeWebhookEndpoint => ({ connector: connector.id, ...where(app, connector.id), builtIn: false, events: 'webhook' }));
  const builtIn = app.builtInStripe;
  if (builtIn === undefined || connectors.some((connector) => connector.id === builtIn.id)) return applied;
  return [{ connector: builtIn.id, ...where(app, builtIn.id), builtIn: true, events: builtIn.events }, ...applied];
}

function where(app: AppContext, connectorId: string): Pick<StripeWebhookEndpoint, 'path' | 'url'> {
  const path = stripeWebhookPath(connectorId);
  return { path, url: publicUrlOf(app, path) };
}
