/**
 * One HTTP request and its whole answer, over node:http (node:https loaded only for an https URL): the
 * CLI's few calls need no more, and `fetch` would cost a client command its start-up (undici loads on
 * first use). Never throws: a failure says whether the request may have reached the server.
 */
import { request as httpRequest, type ClientRequest, type IncomingMessage, type RequestOptions } from 'node:http';

export interface HttpCall {
  method: 'GET' | 'POST' | 'DELETE';
  url: URL;
  headers: Record<string, string>;
  body: string | undefined;
  /** Milliseconds the whole exchange may take, the answer's body included. */
  timeoutMs: number;
}

/** How a request failed to get an answer: `refused` never reached the server; the others may have. */
export type HttpFailure = 'refused' | 'dropped' | 'timeout';

export type HttpOutcome =
  | { kind: 'answer'; status: number; statusText: string; headers: IncomingMessage['headers']; text: string }
  | { kind: 'failed'; failure: HttpFailure; cause: Error };

/**
 * Sends `call` and reads the answer's body as UTF-8 text.
 * @example const outcome = await sendHttp({ method: 'GET', url: new URL('http://127.0.0.1:8080/api/v1/runs'), headers: {}, body: undefined, timeoutMs: 30_000 })
 */
export async function sendHttp(call: HttpCall): Promise<HttpOutcome> {
  const send = call.url.protocol === 'https:' ? (await import('node:https')).request : httpRequest;
  const headers = call.body === undefined ? call.headers : { ...call.headers, 'content-length': String(Buffer.byteLength(call.body)) };
  return new Promise((resolve) => {
    let settled = false;
    const settle = (outcome: HttpOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const options: RequestOptions = { method: call.method, headers };
    const request: ClientRequest = send(call.url, options, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', (error) => settle(failed(error)));
      response.on('close', () => {
        if (!response.complete) settle(failed(new Error('the connection closed before the answer was complete')));
      });
      response.on('end', () =>
        settle({ kind: 'answer', status: response.statusCode ?? 0, statusText: response.statusMessage ?? '', headers: response.headers, text: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    const timer = setTimeout(() => {
      settle({ kind: 'failed', failure: 'timeout', cause: new Error(`no complete answer within ${call.timeoutMs} ms`) });
      request.destroy();
    }, call.timeoutMs);
    request.on('error', (error) => settle(failed(error)));
    request.end(call.body);
  });
}

function failed(error: Error): HttpOutcome {
  return { kind: 'failed', failure: 'code' in error && error.code === 'ECONNREFUSED' ? 'refused' : 'dropped', cause: error };
}
