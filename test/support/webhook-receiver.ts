import { createServer } from 'node:http';
import { signWebhook } from '../../src/connectors/webhook/webhook-signature.ts';

export interface ReceivedWebhook {
  id: string;
  body: { to?: string; subject?: string; body?: string };
  /** The Standard Webhooks signature checked out with the shared secret. */
  verified: boolean;
}

/**
 * A local receiver for `webhook.post` notifications that checks each signature.
 * `refuse` picks the messages it answers 422 to (a receiver that turns them down).
 */
export async function startWebhookReceiver(
  secret: string,
  options: { refuse?: (body: ReceivedWebhook['body']) => boolean } = {},
): Promise<{ url: string; received: ReceivedWebhook[]; close(): Promise<void> }> {
  const received: ReceivedWebhook[] = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      const id = String(req.headers['webhook-id'] ?? '');
      const timestamp = Number(req.headers['webhook-timestamp']);
      const expected = signWebhook({ id, timestamp, body: raw, secret });
      const verified = String(req.headers['webhook-signature'] ?? '').split(' ').includes(expected);
      const body = JSON.parse(raw) as ReceivedWebhook['body'];
      received.push({ id, body, verified });
      const refused = options.refuse?.(body) ?? false;
      res.writeHead(!verified ? 401 : refused ? 422 : 200, { 'content-type': 'application/json' });
      res.end(refused ? '{"error":"mailbox refused"}' : '{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/notify`,
    received,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
