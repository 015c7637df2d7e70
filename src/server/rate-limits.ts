/**
 * Request rate limits (@fastify/rate-limit), counted in this process: API
 * routes per API key, session user or (without credentials) client address;
 * webhook routes per endpoint and client address. A request over its limit
 * gets 429 `rate_limited` with `Retry-After`. The check runs after
 * authentication (a route-level preHandler), so it knows the caller.
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { TooManyRequestsError } from '../core/errors.ts';
import type { RateLimit, ServerSecurity } from './server-security.ts';

const API_PREFIX = '/api/';
const WEBHOOK_PREFIX = '/webhooks/';

/** The bucket an API request counts in: its API key, its session's user, or its address. */
export function apiRateKey(request: FastifyRequest): string {
  const caller = request.caller;
  if (caller?.via.kind === 'api_key') return `key:${caller.via.keyId}`;
  if (caller !== undefined) return `user:${caller.user.id}`;
  return `ip:${request.ip}`;
}

/** The bucket a webhook delivery counts in: its endpoint and its address. */
export function webhookRateKey(request: FastifyRequest): string {
  return `webhook:${request.url.split('?')[0] ?? ''}:${request.ip}`;
}

/** Installs the limits on `server`: call once, before the routes are registered. */
export async function installRateLimits(server: FastifyInstance, security: Pick<ServerSecurity, 'apiRateLimit' | 'webhookRateLimit'>): Promise<void> {
  await server.register(rateLimit, { global: false });
  const limiter = (limit: RateLimit, keyGenerator: (request: FastifyRequest) => string, what: string): preHandlerAsyncHookHandler =>
    server.rateLimit({
      max: limit.max,
      timeWindow: limit.windowMs,
      keyGenerator,
      errorResponseBuilder: (_request, context) =>
        new TooManyRequestsError('rate_limited', `more than ${context.max} requests in ${Math.round(limit.windowMs / 1000)} s ${what}; try again in ${context.after}`, {
          retryAfterMs: context.ttl,
        }),
    });
  const api = security.apiRateLimit === null ? undefined : limiter(security.apiRateLimit, apiRateKey, 'for this API key, user or address');
  const webhook = security.webhookRateLimit === null ? undefined : limiter(security.webhookRateLimit, webhookRateKey, 'to this webhook endpoint from this address');
  server.addHook('onRoute', (route) => {
    const handler = route.url.startsWith(API_PREFIX) ? api : route.url.startsWith(WEBHOOK_PREFIX) ? webhook : undefined;
    if (handler === undefined) return;
    const existing = route.preHandler === undefined ? [] : Array.isArray(route.preHandler) ? route.preHandler : [route.preHandler];
    route.preHandler = [...existing, handler];
  });
}
