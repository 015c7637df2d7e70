import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { StripeSandbox, type StripeSandboxOptions } from '../../../src/sandbox/index.ts';

export interface SandboxFixture {
  sandbox: StripeSandbox;
  stripe: Stripe;
  port: number;
  url: string;
  /** A client with other settings against the same sandbox. */
  client(options?: Stripe.StripeConfig & { apiKey?: string }): Stripe;
  close(): Promise<void>;
}

/** A started sandbox and an SDK client without retries, as the tests use them. */
export async function startSandbox(options: StripeSandboxOptions = {}): Promise<SandboxFixture> {
  const sandbox = new StripeSandbox({ webhookRetryDelaysMs: [10, 10, 10], ...options });
  const { port, url } = await sandbox.start();
  const client = ({ apiKey = 'sk_test_123', ...config }: Stripe.StripeConfig & { apiKey?: string } = {}): Stripe =>
    new Stripe(apiKey, { host: '127.0.0.1', port, protocol: 'http', maxNetworkRetries: 0, ...config });
  return { sandbox, stripe: client(), port, url, client, close: () => sandbox.stop() };
}

export interface ReceivedWebhook {
  body: string;
  headers: IncomingHttpHeaders;
}

/** A local webhook receiver answering with the given statuses in turn (then 200). */
export async function startReceiver(statuses: number[] = []): Promise<{ url: string; received: ReceivedWebhook[]; close(): Promise<void> }> {
  const received: ReceivedWebhook[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ body: Buffer.concat(chunks).toString('utf8'), headers: req.headers });
      res.writeHead(statuses.shift() ?? 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/stripe`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
