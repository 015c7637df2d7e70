import type { FastifyInstance } from 'fastify';
import { redactUrlSecrets } from '../core/log-redaction.ts';
import type { Logger } from '../core/logger.ts';

/**
 * One debug line per answered request, through the Tollgate logger (fastify's
 * own request logging is off), and the request id echoed as `x-request-id`.
 */
export function installRequestLogging(server: FastifyInstance, logger: Logger): void {
  server.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    done();
  });
  // Below debug, no line to write: no hook to build one for every request.
  if (logger.isLevelEnabled?.('debug') === false) return;
  server.addHook('onResponse', (request, reply, done) => {
    logger.debug(
      {
        request_id: request.id,
        method: request.method,
        route: request.routeOptions.url ?? null,
        url: redactUrlSecrets(request.url),
        status: reply.statusCode,
        duration_ms: Math.round(reply.elapsedTime),
      },
      'request answered',
    );
    done();
  });
}
