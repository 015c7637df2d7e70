import { useQuery } from '@tanstack/react-query';
import type { StripeWebhookEndpoint } from '../../api/types.ts';
import { CopyValue } from '../../ui/copy-value.tsx';
import { sandboxQuery } from '../events/event-queries.ts';
import { ConnectorTypeBadge } from './connector-type-badge.tsx';

/** The endpoint's URL on the server's public URL (TOLLGATE_PUBLIC_URL) as the API answers it; without one, on this server as the browser reaches it. */
function endpointUrl(endpoint: StripeWebhookEndpoint): string {
  return endpoint.url ?? `${window.location.origin}${endpoint.path}`;
}

/** What to do with the URL: where it goes in Stripe, and where the endpoint's signing secret goes in Tollgate. */
function endpointHint(endpoint: StripeWebhookEndpoint, sandbox: boolean): string {
  const where = 'Stripe’s dashboard, under Developers → Webhooks';
  const secret = endpoint.built_in ? 'set STRIPE_WEBHOOK_SECRET to its signing secret (whsec_…)' : 'put its signing secret (whsec_…) in the connector’s webhook_secrets';
  if (endpoint.built_in && sandbox) return `The built-in sandbox delivers its events here already. Against Stripe itself (STRIPE_SECRET_KEY set), add an endpoint with this URL in ${where}, and ${secret}.`;
  if (endpoint.events === 'poll') return `Events are read from Stripe’s Events API (TOLLGATE_STRIPE_EVENTS=poll): no endpoint is needed. To have Stripe send them instead, add one with this URL in ${where}, and ${secret}.`;
  return `In ${where}, add an endpoint with this URL, then ${secret}.`;
}

/**
 * Where Stripe delivers events for a stripe connector: the URL to paste into Stripe's dashboard (Developers →
 * Webhooks → Add endpoint), with a Copy button, and where the endpoint's signing secret goes.
 */
export function StripeWebhookEndpointRow({ endpoint }: { endpoint: StripeWebhookEndpoint }) {
  const sandbox = useQuery(sandboxQuery);
  return (
    <div className="connector-setting stripe-webhook" data-stripe-webhook={endpoint.connector}>
      <div className="connector-key">
        <strong>Webhook endpoint</strong>
      </div>
      <CopyValue value={endpointUrl(endpoint)} label={`Copy the webhook endpoint URL of ${endpoint.connector}`} />
      <p className="muted small">{endpointHint(endpoint, sandbox.data?.sandbox.running === true)}</p>
    </div>
  );
}

/** The Stripe connector `tollgate start` builds in, which Connector documents do not list: its endpoint. */
export function BuiltInStripeCard({ endpoint }: { endpoint: StripeWebhookEndpoint }) {
  const sandbox = useQuery(sandboxQuery);
  return (
    <section className="card" aria-labelledby="connector-built-in-stripe" data-connector={endpoint.connector}>
      <div className="row settings-card-head">
        <h2 id="connector-built-in-stripe">
          Stripe <span className="muted team-id">{endpoint.connector}</span>
        </h2>
        <ConnectorTypeBadge type="stripe" />
        <span className="badge good">Built in</span>
      </div>
      <p className="muted">
        {sandbox.data?.sandbox.running === true
          ? 'Tollgate talks to its built-in Stripe sandbox: no STRIPE_SECRET_KEY is set.'
          : 'Made from STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET in the server’s environment.'}
      </p>
      <div className="connector-settings">
        <StripeWebhookEndpointRow endpoint={endpoint} />
      </div>
    </section>
  );
}
