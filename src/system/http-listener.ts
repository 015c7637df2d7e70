import type { AppContext } from '../application/app-context.ts';
import type { Logger } from '../core/logger.ts';
import { buildServer } from '../server/build-server.ts';

export interface HttpListenerOptions {
  app: AppContext;
  logger: Logger;
  host: string;
  /** 0 picks a free port; the returned `url` tells which. */
  port: number;
}

/** A listening HTTP server. */
export interface HttpListener {
  /** e.g. `http://127.0.0.1:8080`, with the port actually taken. */
  url: string;
  /** Refuses new connections and lets open requests finish. */
  close(): Promise<void>;
}

/** Builds the HTTP server for the system's use cases and starts listening. */
export async function listenHttp(options: HttpListenerOptions): Promise<HttpListener> {
  const server = await buildServer({ app: options.app, logger: options.logger });
  try {
    const url = await server.listen({ host: options.host, port: options.port });
    return { url, close: () => server.close() };
  } catch (error) {
    await server.close().catch(() => undefined);
    throw error;
  }
}
