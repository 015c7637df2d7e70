import type { AppContext } from '../../application/app-context.ts';
import type { Logger } from '../../core/logger.ts';
import { listenHttp, type HttpListener, type HttpListenerOptions } from '../../system/http-listener.ts';
import type { Service } from './service.ts';

export interface HttpServiceOptions {
  app: AppContext;
  logger: Logger;
  host: string;
  /** 0 picks a free port; `url()` tells which. */
  port: number;
  /** Trusted proxies, https, rate limits (config.serverSecurity). */
  security?: HttpListenerOptions['security'];
  /** `operations`: the health probes and /metrics only (a worker's). */
  surface?: HttpListenerOptions['surface'];
  /** How the port is set, for a port that cannot be had. */
  portSetting?: string;
}

export interface HttpService extends Service {
  /** The URL the server listens on, once started. */
  url(): string;
}

/** The HTTP API (and what the server serves besides). Stopping refuses new connections and lets open requests finish. */
export function httpService(options: HttpServiceOptions): HttpService {
  let listener: HttpListener | undefined;
  return {
    name: 'http',
    async start() {
      listener = await listenHttp(options);
    },
    async stop() {
      await listener?.close();
    },
    url() {
      if (listener === undefined) throw new Error('the HTTP service has not started');
      return listener.url;
    },
    describe() {
      return listener?.url ?? 'not started';
    },
  };
}
