import { createServer } from 'node:http';

export interface ScriptedResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  delayMs?: number;
  /** Never answer (until the server closes): a receiver that hangs. */
  hang?: boolean;
}

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A local HTTP server that answers each path from a script of responses, then 200. */
export async function startScriptedServer(): Promise<{
  url: string;
  requests: ReceivedRequest[];
  script(path: string, responses: ScriptedResponse[]): void;
  close(): Promise<void>;
}> {
  const requests: ReceivedRequest[] = [];
  const scripts = new Map<string, ScriptedResponse[]>();
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      requests.push({ method: req.method ?? 'GET', path, headers: req.headers, body });
      const response = scripts.get(path)?.shift() ?? { status: 200, body: { ok: true } };
      if (response.hang === true) return;
      setTimeout(() => {
        if (res.destroyed) return;
        res.writeHead(response.status, { 'content-type': 'application/json', ...response.headers });
        res.end(JSON.stringify(response.body ?? {}));
      }, response.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    script: (path, responses) => scripts.set(path, [...responses]),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
