import { createServer, type Server } from 'node:http';

export interface CountedRequest {
  path: string;
  idempotencyKey: string | undefined;
  body: string;
}

/** A local HTTP server that records every request and answers 200 after `delayMs`; `onRequest` sees the count as each arrives. */
export async function startCountingServer(options: { delayMs?: number; onRequest?: (count: number) => void } = {}): Promise<{ url: string; requests: CountedRequest[]; close(): Promise<void> }> {
  const requests: CountedRequest[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const key = req.headers['idempotency-key'];
      requests.push({ path: req.url ?? '', idempotencyKey: Array.isArray(key) ? key[0] : key, body });
      options.onRequest?.(requests.length);
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ok: true, n: requests.length }));
      }, options.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
