import type { IncomingMessage, ServerResponse } from 'node:http';
import { newId } from '../core/ids.ts';
import type { ApiResponse } from './api-request-handler.ts';

/** The largest request body the sandbox reads. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** The whole body as text, or undefined when it exceeds the limit. */
export async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Writes an answer; every answer carries a Request-Id, the sandbox's own routes and early errors too. */
export function send(res: ServerResponse, response: ApiResponse): void {
  const headers = 'request-id' in response.headers ? response.headers : { ...response.headers, 'request-id': newId('req') };
  res.writeHead(response.status, headers).end(response.body);
}
