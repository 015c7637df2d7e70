import { randomUUID } from 'node:crypto';
import { readClientSettings } from '../system/client-settings.ts';
import type { ServerConnection } from './api-client.ts';
import { localApiKey } from './local-api-key.ts';
import type { ServerOptions } from './server-options.ts';

/**
 * The server to talk to (the flags, else the environment, else the default), with this invocation's idempotency key.
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
  return {
    serverUrl: settings.serverUrl,
    apiKey: settings.apiKey ?? localApiKey({ serverUrl: settings.serverUrl, dataDir: settings.dataDir }),
    invocationKey: `tollgate-cli-${randomUUID()}`,
  };
}
