import type { FastifyInstance } from 'fastify';
import type { OpenSpan, Tracing } from '../core/tracing.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The request's span while traces are on (request-tracing.ts). */
    traceSpan: OpenSpan | undefined;
  }
}

/**
 * A server span per request while traces are on, named by its route
 * (`POST /webhooks/stripe/:connector`), under the caller's W3C `traceparent`
 * when it sends one, failed on a 5xx. Nothing is installed when they are off.
 */
export function installRequestTracing(server: FastifyInstance, tracing: Tracing | undefined): void {
  if (tracing === undefined || !tracing.enabled) return;
  server.decorateRequest('traceSpan', undefined);
  server.addHook('onRequest', (request, _reply, done) => {
    const traceparent = request.headers.traceparent;
    request.traceSpan = tracing.open(
      request.method,
      { 'http.request.method': request.method, 'url.path': request.url.split('?')[0], 'http.request_id': request.id },
      { kind: 'server', traceparent: typeof traceparent === 'string' ? traceparent : undefined },
    );
    done();
  });
  // A thrown error fails the span only if it ends in a 5xx: a refused request (4xx) is the caller's, not ours.
  const thrown = new WeakMap<object, Error>();
  server.addHook('onError', (request, _reply, error, done) => {
    thrown.set(request, error);
    done();
  });
  server.addHook('onResponse', (request, reply, done) => {
    const span = request.traceSpan;
    if (span !== undefined) {
      const route = request.routeOptions.url;
      if (route !== undefined) span.rename(`${request.method} ${route}`);
      span.set({ 'http.route': route, 'http.response.status_code': reply.statusCode });
      if (reply.statusCode >= 500) span.fail(thrown.get(request) ?? { code: String(reply.statusCode), message: `answered ${reply.statusCode}` });
      span.end();
    }
    done();
  });
}
