import { randomUUID } from 'node:crypto';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { AppContext } from '../application/app-context.ts';
import type { Logger } from '../core/logger.ts';
import type { ApiRoute } from './api-route.ts';
import { installAuthentication } from './authenticate.ts';
import { installBodyParsers } from './body-parsers.ts';
import { installErrorHandling } from './error-handler.ts';
import { installIdempotency } from './idempotency-plugin.ts';
import { installRequestLogging } from './request-logging.ts';
import { installRequestTracing } from './request-tracing.ts';
import { definitionRoutes } from './routes/definition-routes.ts';
import { healthRoutes } from './routes/health-routes.ts';
import { openApiRoutes } from './routes/openapi-routes.ts';
import { runRoutes } from './routes/run-routes.ts';
import { workflowRoutes } from './routes/workflow-routes.ts';
import { identityRoutes } from './routes/identity-routes.ts';
import { stripeWebhookRoutes } from './routes/stripe-webhook-routes.ts';
import { featureRoutes } from './routes/feature-routes.ts';
import { installWebApp } from './web-app.ts';
import { installRateLimits } from './rate-limits.ts';
import { installSecurityHeaders } from './security-headers.ts';
import { DEFAULT_SERVER_SECURITY, type ServerSecurity } from './server-security.ts';

export interface ServerOptions {
  app: AppContext;
  /** Errors (with stacks) and one debug line per request go here. */
  logger: Logger;
  /** fastify's own logger (e.g. the same pino instance); default none. Request logging stays off either way. */
  loggerInstance?: FastifyBaseLogger;
  /** The largest request body, in bytes. Default 5 MiB (definition files can be long). */
  bodyLimit?: number;
  /** The built web app to serve at `/`; default web/dist. `false` serves none (API-only tests). */
  webRoot?: string | false;
  /** Proxies to trust, https, rate limits; default DEFAULT_SERVER_SECURITY. */
  security?: ServerSecurity;
  /** `operations`: only the health probes and /metrics, for `tollgate worker` (no API, no web app). Default `all`. */
  surface?: 'all' | 'operations';
}

/**
 * Builds the HTTP API: health probes, `/api/v1/...` routes, the OpenAPI
 * document, with errors mapped in error-handler.ts and every API route
 * passing the authentication seam (authenticate.ts), and the built web app
 * at `/` (web-app.ts). It does not listen: call `listen` on the result, or
 * `inject` in tests.
 *
 * @example
 * const server = await buildServer({ app: system.app, logger });
 * await server.listen({ port: 8080, host: '0.0.0.0' });
 */
export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const security = options.security ?? DEFAULT_SERVER_SECURITY;
  const server: FastifyInstance = Fastify({
    trustProxy: security.trustProxy,
    ...(options.loggerInstance === undefined ? { logger: false } : { loggerInstance: options.loggerInstance }),
    // fastify's info line per request is noise; request-logging.ts writes one at debug level instead.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: options.bodyLimit ?? 5 * 1024 * 1024,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
  });
  installBodyParsers(server);
  installSecurityHeaders(server, security);
  await installRateLimits(server, security);
  const operationsOnly = options.surface === 'operations';
  const pageFallback = options.webRoot === false || operationsOnly ? undefined : await installWebApp(server, options.webRoot);
  installErrorHandling(server, options.logger, pageFallback);
  installRequestLogging(server, options.logger);
  installRequestTracing(server, options.app.engine.tracing);
  installAuthentication(server, options.app.identity, security);
  installIdempotency(server, { keys: options.app.idempotencyKeys, clock: options.app.engine.clock });
  const routes: ApiRoute[] = [...healthRoutes(options.app)];
  if (!operationsOnly) {
    routes.push(...definitionRoutes(options.app), ...workflowRoutes(options.app), ...runRoutes(options.app));
    routes.push(...stripeWebhookRoutes(options.app, options.logger));
    routes.push(...identityRoutes(options.app, security));
    routes.push(...featureRoutes(options.app));
    routes.push(...openApiRoutes(() => routes.map((route) => route.doc)));
  }
  for (const route of routes) route.register(server);
  return server;
}
