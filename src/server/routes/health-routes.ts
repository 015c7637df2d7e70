import type { AppContext } from '../../application/app-context.ts';
import { checkReadiness } from '../../application/check-readiness.ts';
import { TransientError } from '../../core/errors.ts';
import { defineRoute, TextReply, type ApiRoute } from '../api-route.ts';
import { healthSchema, readinessSchema } from '../response-schemas.ts';

/** Liveness and readiness probes, outside /api/v1 and open without credentials; the metrics, for `metrics.read`. */
export function healthRoutes(app: AppContext): ApiRoute[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/healthz',
      operationId: 'getHealth',
      summary: 'Liveness: the process answers',
      tag: 'operations',
      public: true,
      status: 200,
      response: { description: 'The process is alive', schema: healthSchema },
      handle: () => Promise.resolve({ status: 'ok' as const }),
    }),
    defineRoute({
      method: 'GET',
      url: '/readyz',
      operationId: 'getReadiness',
      summary: 'Readiness: the store answers',
      tag: 'operations',
      public: true,
      status: 200,
      response: { description: 'Ready to serve', schema: readinessSchema },
      errors: [503],
      async handle() {
        try {
          const readiness = await checkReadiness(app);
          return { status: 'ready' as const, store: readiness.store };
        } catch (error) {
          throw new TransientError('store_unavailable', 'the store does not answer; check the database is up and reachable (see the server log)', { cause: error });
        }
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/metrics',
      operationId: 'getMetrics',
      summary: 'Prometheus metrics: runs, step attempts and durations, webhook deliveries, the process',
      description: 'Needs the permission `metrics.read` (admins; give a scraper an API key scoped to it: `tollgate keys create --scope metrics.read`).',
      tag: 'operations',
      permission: 'metrics.read',
      status: 200,
      response: { description: 'The Prometheus text exposition', textMediaTypes: ['text/plain'] },
      async handle() {
        const { contentType, text } = await app.metrics.render();
        return new TextReply(contentType, text);
      },
    }),
  ];
}
