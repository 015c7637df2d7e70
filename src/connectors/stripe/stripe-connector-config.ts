import { PermanentError } from '../../core/errors.ts';
import type { ResolvedConnector } from '../../engine/operation.ts';

/** What a `stripe` connector's config holds, checked. */
export interface StripeConnectorConfig {
  secretKey: string;
  /** Where the API lives when not api.stripe.com (the sandbox: `http://127.0.0.1:12111`). */
  apiBase: { host: string; port: number; protocol: 'http' | 'https' } | undefined;
  apiVersion: string | undefined;
  /** Requests per second sent to the account (stripe-rate-gate.ts): by every process of a PostgreSQL database together, else by this one; null: no limit. */
  rateLimit: number | null;
}

/** Below Stripe's own limits (about 100 requests/s live, 25 in test mode), so bursts seldom meet a 429. */
export const DEFAULT_RATE_LIMIT = { live: 80, test: 20 } as const;

const SECRET_KEY = /^(sk|rk)_(test|live)_[A-Za-z0-9_]+$/;

/**
 * Reads a stripe connector's config: `secret_key` (sk_test_… / sk_live_… or a
 * restricted rk_ key), optional `api_base`, `api_version` and `rate_limit`
 * (requests per second; 0 for none; by default 80 live, 20 in test mode, none
 * with an `api_base` such as the built-in sandbox). `webhook_secrets` belongs
 * to event intake and is ignored here.
 */
export function parseStripeConfig(connector: ResolvedConnector | undefined): StripeConnectorConfig {
  if (connector === undefined) {
    throw new PermanentError('connector_missing', 'no stripe connector is configured; add a Connector document of type stripe with config.secret_key');
  }
  const { config } = connector;
  const secretKey = config.secret_key;
  if (typeof secretKey !== 'string' || !SECRET_KEY.test(secretKey)) {
    throw new PermanentError(
      'stripe_config_invalid',
      `connector "${connector.id}": config.secret_key must be a Stripe secret key (sk_test_…, sk_live_… or rk_…); set it, usually as "{{ env.STRIPE_SECRET_KEY }}"`,
      { path: `connectors.${connector.id}.config.secret_key` },
    );
  }
  const apiVersion = config.api_version;
  if (apiVersion !== undefined && (typeof apiVersion !== 'string' || apiVersion === '')) {
    throw new PermanentError('stripe_config_invalid', `connector "${connector.id}": config.api_version must be a version string such as "2026-10-28.endive", or left out`, {
      path: `connectors.${connector.id}.config.api_version`,
    });
  }
  const apiBase = parseApiBase(connector);
  return { secretKey, apiBase, apiVersion, rateLimit: parseRateLimit(connector, secretKey, apiBase) };
}

function parseRateLimit(connector: ResolvedConnector, secretKey: string, apiBase: StripeConnectorConfig['apiBase']): number | null {
  const value = connector.config.rate_limit;
  if (value === undefined || value === null) return apiBase !== undefined ? null : secretKey.includes('_live_') ? DEFAULT_RATE_LIMIT.live : DEFAULT_RATE_LIMIT.test;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new PermanentError('stripe_config_invalid', `connector "${connector.id}": config.rate_limit must be requests per second (a number such as 80), or 0 for no limit; got ${JSON.stringify(value)}`, {
      path: `connectors.${connector.id}.config.rate_limit`,
    });
  }
  return value === 0 ? null : value;
}

function parseApiBase(connector: ResolvedConnector): StripeConnectorConfig['apiBase'] {
  const value = connector.config.api_base;
  if (value === undefined || value === null || value === '') return undefined;
  const path = `connectors.${connector.id}.config.api_base`;
  let url: URL | undefined;
  try {
    url = typeof value === 'string' ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:') || (url.pathname !== '/' && url.pathname !== '')) {
    throw new PermanentError(
      'stripe_config_invalid',
      `connector "${connector.id}": config.api_base must be an http(s) origin without a path, such as "http://127.0.0.1:12111"; got ${JSON.stringify(value)}`,
      { path },
    );
  }
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  const port = url.port === '' ? (protocol === 'http' ? 80 : 443) : Number(url.port);
  // URL keeps IPv6 hosts in brackets; the SDK wants the bare address.
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return { host, port, protocol };
}
