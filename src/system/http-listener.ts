import { TollgateError } from '../core/errors.ts';
import { hostInvalid } from './listen-errors.ts';
import type { AppContext } from '../application/app-context.ts';
import type { Logger } from '../core/logger.ts';
import { buildServer } from '../server/build-server.ts';
import type { ServerSecurity } from '../server/server-security.ts';

export interface HttpListenerOptions {
  app: AppContext;
  logger: Logger;
  host: string;
  /** 0 picks a free port; the returned `url` tells which. */
  port: number;
  /** Trusted proxies, https, rate limits (config.serverSecurity); default the server's defaults. */
  security?: ServerSecurity;
  /** `operations`: the health probes and /metrics only (build-server.ts). Default `all`. */
  surface?: 'all' | 'operations';
  /** How the port is set, for a port that cannot be had. Default `--port or TOLLGATE_PORT`. */
  portSetting?: string;
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
  const server = await buildServer({
    app: options.app,
    logger: options.logger,
    ...(options.security === undefined ? {} : { security: options.security }),
    ...(options.surface === undefined ? {} : { surface: options.surface }),
  });
  try {
    const url = await server.listen({ host: options.host, port: options.port });
    return { url, close: () => server.close() };
  } catch (error) {
    await server.close().catch(() => undefined);
    throw listenError(error, options);
  }
}

/** The usual reasons a port cannot be had, in plain words; anything else as it came. */
function listenError(error: unknown, options: HttpListenerOptions): unknown {
  const code = error instanceof Error && 'code' in error ? error.code : undefined;
  const where = `${options.host}:${options.port}`;
  const setting = options.portSetting ?? '--port or TOLLGATE_PORT';
  if (code === 'EADDRINUSE') {
    return new TollgateError('port_in_use', `${where} is already in use (is Tollgate running already?); pick another port with ${setting}`, { cause: error });
  }
  if (code === 'EACCES') {
    return new TollgateError('port_forbidden', `not allowed to listen on ${where}; use a port above 1023 with ${setting}`, { cause: error });
  }
  return hostInvalid(error, options.host) ?? error;
}
