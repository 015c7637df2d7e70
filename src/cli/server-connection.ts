import { randomUUID } from 'node:crypto';
import { readClientSettings } from '../system/client-settings.ts';
import type { ServerConnection } from './api-client.ts';
import { localApiKey, localServer } from './local-api-key.ts';
import type { ServerOptions } from './server-options.ts';

/**
 * The server to talk to (the flags, else the environment, else a server running on this machine that noted where it
 * listens, else the default), with this invocation's idempotency key.
 * Only the client settings are read (client-settings.ts, no schema library): a client command never loads the
 * server's configuration.
 */
export function connectionFrom(options: ServerOptions): ServerConnection {
  // The flags go through the same check as the environment variables they override.
  const settings = readClientSettings({
    ...process.env,
    ...(options.server === undefined ? {} : { TOLLGATE_SERVER: options.server }),
    ...(options.apiKey === undefined ? {} : { TOLLGATE_API_KEY: options.apiKey }),
  });
  const named = options.server !== undefined ? '--server' : (process.env.TOLLGATE_SERVER ?? '') === '' ? undefined : 'TOLLGATE_SERVER';
  const server = named === undefined ? localServer({ defaultUrl: settings.serverUrl, dataDir: settings.dataDir }) : { url: settings.serverUrl, source: `from ${named}` };
  return {
    serverUrl: server.url,
    serverSource: server.source,
    apiKey: settings.apiKey ?? localApiKey({ serverUrl: server.url, dataDir: settings.dataDir }),
    invocationKey: `tollgate-cli-${randomUUID()}`,
  };
}
