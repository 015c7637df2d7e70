import { randomUUID } from 'node:crypto';
import type { ServerConnection } from './api-client.ts';
import { localApiKey } from './local-api-key.ts';
import type { ServerOptions } from './server-options.ts';

/**
 * The server to talk to (the flags, else the environment, else the default), with this invocation's idempotency key.
 * The configuration schema is imported here, when a command runs, so that `--help` and `--version` never load it.
 */
export async function connectionFrom(options: ServerOptions): Promise<ServerConnection> {
  const { readConfig } = await import('../system/config.ts');
  // The flags go through the same validation as the environment variables they override.
  const config = readConfig({
    ...process.env,
    ...(options.server === undefined ? {} : { TOLLGATE_SERVER: options.server }),
    ...(options.apiKey === undefined ? {} : { TOLLGATE_API_KEY: options.apiKey }),
  });
  return {
    serverUrl: config.serverUrl,
    apiKey: config.apiKey ?? localApiKey({ serverUrl: config.serverUrl, dataDir: config.dataDir }),
    invocationKey: `tollgate-cli-${randomUUID()}`,
  };
}
