/**
 * A whole Stripe-facing Tollgate for end-to-end tests: the Stripe sandbox on
 * a port, a system whose built-in stripe connector points at it, and the HTTP
 * server on a port, registered as the sandbox's webhook endpoint. Events flow
 * as in production: sandbox -> signed HTTP delivery -> intake -> runs.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { applyDefinitions } from '../../src/application/apply-definitions.ts';
import { systemClock, type Clock } from '../../src/core/clock.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { parseDocuments } from '../../src/definition/parse-documents.ts';
import { buildServer } from '../../src/server/build-server.ts';
import { StripeSandbox } from '../../src/sandbox/index.ts';
import { readConfig } from '../../src/system/config.ts';
import { TollgateSystem } from '../../src/system/tollgate-system.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

export interface StripeStack {
  sandbox: StripeSandbox;
  system: TollgateSystem;
  server: FastifyInstance;
  database: TestDatabase;
  webhookSecret: string;
  apply(yaml: string): Promise<void>;
  /** Waits until the sandbox has delivered every event and the worker has nothing left to do. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export function sandboxConnector(url: string, webhookSecret: string) {
  return { id: 'stripe', type: 'stripe', config: { secret_key: 'sk_test_tollgate_sandbox', api_base: url, webhook_secrets: [webhookSecret] } };
}

/**
 * The environment of a child worker (worker-process.ts) on the stack's
 * database and sandbox. Its lease is long enough that the first worker's never
 * lapses while it runs, however busy the machine; a restarted worker waits it out.
 */
export function childWorkerEnv(stack: Pick<StripeStack, 'database' | 'sandbox' | 'webhookSecret'>): NodeJS.ProcessEnv {
  return {
    ...process.env,
    TOLLGATE_DATA: stack.database.dataDir,
    DATABASE_URL: stack.database.databaseUrl ?? '',
    TEST_LEASE_MS: '5000',
    TEST_SANDBOX_URL: stack.sandbox.url,
    TEST_WEBHOOK_SECRET: stack.webhookSecret,
  };
}

export interface StripeStackOptions {
  worker?: boolean;
  actionTimeoutMs?: number;
  deliverWebhooks?: boolean;
  clock?: Clock;
  env?: NodeJS.ProcessEnv;
  /** Called with the HTTP server before it listens, e.g. to add a hook that holds an answer back. */
  beforeListen?: (server: FastifyInstance) => void;
}

export async function startStripeStack(options: StripeStackOptions = {}): Promise<StripeStack> {
  const database = await createTestDatabase();
  const sandbox = new StripeSandbox({ webhookRetryDelaysMs: [50, 200, 500] });
  const { url: sandboxUrl } = await sandbox.start({ port: 0 });
  const webhookSecret = `whsec_${randomBytes(24).toString('base64')}`;
  const config = { ...readConfig({}), databaseUrl: database.databaseUrl, dataDir: database.dataDir, sqliteFile: database.sqliteFile, sqliteSynchronous: 'NORMAL' as const, outboundAllow: 'loopback' };
  const system = await TollgateSystem.open({
    config,
    logger: silentLogger,
    clock: options.clock ?? systemClock,
    ...(options.env ? { env: options.env } : {}),
    // The default lease (60 s): a step slowed by a busy machine must not be claimed again while it runs.
    worker: { pollMs: 20 },
    builtInConnectors: [sandboxConnector(sandboxUrl, webhookSecret)],
    ...(options.actionTimeoutMs === undefined ? {} : { actionTimeoutMs: options.actionTimeoutMs }),
  });
  if (options.worker ?? true) await system.startWorker();
  const server = await buildServer({ app: system.app, logger: silentLogger });
  options.beforeListen?.(server);
  const serverUrl = await server.listen({ host: '127.0.0.1', port: 0 });
  if (options.deliverWebhooks ?? true) sandbox.addEndpoint({ url: `${serverUrl}/webhooks/stripe/stripe`, secret: webhookSecret });
  return {
    sandbox,
    system,
    server,
    database,
    webhookSecret,
    async apply(yaml) {
      await applyDefinitions(system.app, parseDocuments(yaml));
    },
    async settle() {
      await sandbox.idle();
      if (options.worker ?? true) {
        system.worker.wake();
        await system.worker.idle();
      }
    },
    async close() {
      await server.close();
      await system.close();
      await sandbox.stop();
      await database.drop();
    },
  };
}
