// Placeholder signature; the HTTP API helper fills this in.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../application/app-context.ts';
import type { Logger } from '../core/logger.ts';

export interface ServerOptions {
  app: AppContext;
  logger: Logger;
}

export function buildServer(_options: ServerOptions): Promise<FastifyInstance> {
  return Promise.reject(new Error('not built yet'));
}
