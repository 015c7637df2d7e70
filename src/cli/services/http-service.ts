import type { AppContext } from '../../application/app-context.ts';
import type { Logger } from '../../core/logger.ts';
import { buildServer } from '../../server/build-server.ts';
import type { Service } from './service.ts';

export interface HttpServiceOptions {
  app: AppContext;
  logger: Logger;
  host: string;
  /** 0 picks a free port; `url()` tells which. */
  port: number;
}

export interface HttpService extends Service {
  /** The URL the server listens on, once started. */
  url(): string;
}

/** The HTTP API (and what the server serves besides). Stopping refuses new connections and lets open requests finish. */
export function httpService(options: HttpServiceOptions): HttpService {
  let server: Awaited<ReturnType<typeof buildServer>> | undefined;
  let url: string | undefined;
  return {
    name: 'http',
    async start() {
      server = await buildServer({ app: options.app, logger: options.logger });
      const address = await server.listen({ host: options.host, port: options.port });
      url = address;
    },
    async stop() {
      await server?.close();
    },
    url() {
      if (url === undefined) throw new Error('the HTTP service has not started');
      return url;
    },
    describe() {
      return url ?? 'not started';
    },
  };
}
