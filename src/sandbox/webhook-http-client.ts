import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

/**
 * POSTs a body and resolves with the response status. A fresh connection per
 * call (no keep-alive), so nothing lingers once deliveries are done. Rejects on
 * network errors and after `timeoutMs`; `signal` aborts the call.
 */
export function postWebhook(options: { url: string; body: string; headers: Record<string, string>; timeoutMs: number; signal: AbortSignal }): Promise<number> {
  return new Promise((resolve, reject) => {
    const url = new URL(options.url);
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(url, {
      method: 'POST',
      agent: false,
      headers: { ...options.headers, 'content-length': String(Buffer.byteLength(options.body)), connection: 'close' },
      signal: options.signal,
      timeout: options.timeoutMs,
    });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${options.timeoutMs} ms`)));
    req.on('error', reject);
    req.end(options.body);
  });
}
