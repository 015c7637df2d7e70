/**
 * The HTTP server's security settings, read from the configuration
 * (system/config.ts: TOLLGATE_TRUST_PROXY, TOLLGATE_PUBLIC_URL,
 * TOLLGATE_RATE_LIMIT_API, TOLLGATE_RATE_LIMIT_WEBHOOK).
 */
import type { FastifyRequest } from 'fastify';

/** At most `max` requests per `windowMs`, per key. */
export interface RateLimit {
  max: number;
  windowMs: number;
}

export interface ServerSecurity {
  /**
   * Which proxies' `X-Forwarded-For` and `X-Forwarded-Proto` to believe
   * (fastify's `trustProxy`): none, all, or these addresses and CIDRs.
   */
  trustProxy: boolean | string[];
  /** The public URL is https (a TLS proxy in front): cookies are Secure and HSTS is sent whatever a request came over. */
  httpsPublicUrl: boolean;
  /** Per API key, session user, or (without credentials) client address; null: none. */
  apiRateLimit: RateLimit | null;
  /** Per webhook endpoint and client address; null: none. */
  webhookRateLimit: RateLimit | null;
}

const MINUTE_MS = 60_000;

/**
 * Trust no proxy. The API allows 6,000 requests a minute per key; webhooks
 * 60,000 a minute per endpoint and address, which a Stripe account, or the
 * bench, does not reach (their signatures are checked anyway).
 */
export const DEFAULT_SERVER_SECURITY: ServerSecurity = {
  trustProxy: false,
  httpsPublicUrl: false,
  apiRateLimit: { max: 6000, windowMs: MINUTE_MS },
  webhookRateLimit: { max: 60_000, windowMs: MINUTE_MS },
};

/** Whether the request reached us over https, directly or through a trusted proxy, or the public URL is https. */
export function isHttps(request: FastifyRequest, security: Pick<ServerSecurity, 'httpsPublicUrl'>): boolean {
  return security.httpsPublicUrl || request.protocol === 'https';
}
