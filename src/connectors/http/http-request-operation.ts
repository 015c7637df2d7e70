import { PermanentError, TransientError } from '../../core/errors.ts';
import type { Operation, OperationContext } from '../../engine/operation.ts';
import { parseRetryAfter } from './retry-after.ts';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'] as const;

/**
 * `http.request`: calls any HTTP endpoint with a JSON body. An `http`
 * connector, when named or alone, supplies the base URL and auth headers;
 * its secrets come from the environment and never enter the run.
 * 5xx, 429 and network failures retry; other 4xx fail the step.
 */
export const httpRequestOperation: Operation = {
  spec: {
    name: 'http.request',
    description: 'Call an HTTP endpoint with a JSON body; the response status, headers and body are the output.',
    connectorType: 'http',
    connectorOptional: true,
    example: { url: 'https://tickets.example.com/api/tickets', method: 'POST', body: { title: 'Dispute {{ object.id }}', amount: '{{ object.amount }}' } },
    params: {
      url: { required: true, type: 'string', description: 'Absolute URL, or a path under the connector base_url' },
      method: { type: 'string', description: 'GET (default), POST, PUT, PATCH, DELETE, HEAD' },
      headers: { type: 'object', description: 'Extra request headers' },
      body: { type: 'any', description: 'JSON body' },
      query: { type: 'object', description: 'Query string parameters' },
    },
  },
  async execute(input, context) {
    const request = buildRequest(input, context);
    let response: Response;
    try {
      response = await fetch(request.url, { method: request.method, headers: request.headers, body: request.body, signal: context.signal });
    } catch (error) {
      throw new TransientError('http_network_error', `${request.method} ${request.url} failed: ${(error as Error).message}`, { cause: error });
    }
    const body = await readBody(response);
    const output = { status: response.status, headers: Object.fromEntries(response.headers), body };
    if (response.status === 429 || response.status >= 500) {
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), context.clock.now());
      throw new TransientError(`http_${response.status}`, `${request.method} ${request.url} answered ${response.status}`, {
        details: { status: response.status, body },
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      });
    }
    if (response.status >= 400) {
      throw new PermanentError(`http_${response.status}`, `${request.method} ${request.url} answered ${response.status}`, { details: { status: response.status, body } });
    }
    return output;
  },
};

function buildRequest(input: Record<string, unknown>, context: OperationContext): { url: string; method: string; headers: Record<string, string>; body: string | undefined } {
  const method = (typeof input.method === 'string' ? input.method : 'GET').toUpperCase();
  if (!(METHODS as readonly string[]).includes(method)) {
    throw new PermanentError('http_method_invalid', `with.method: "${method}" is not one of ${METHODS.join(', ')}`, { path: 'with.method' });
  }
  const config = context.connector?.config ?? {};
  const base = typeof config.base_url === 'string' ? config.base_url : undefined;
  let url: URL;
  try {
    url = new URL(typeof input.url === 'string' ? input.url : '', base);
  } catch {
    throw new PermanentError('http_url_invalid', `with.url: ${JSON.stringify(input.url)} is not an absolute URL and no http connector gives a base_url`, { path: 'with.url' });
  }
  if (input.query && typeof input.query === 'object') {
    for (const [key, value] of Object.entries(input.query)) url.searchParams.set(key, String(value));
  }
  const headers: Record<string, string> = {
    accept: 'application/json',
    'idempotency-key': context.idempotencyKey,
    ...stringRecord(config.headers),
    ...stringRecord(input.headers),
  };
  if (typeof config.bearer_token === 'string') headers.authorization = `Bearer ${config.bearer_token}`;
  let body: string | undefined;
  if (input.body !== undefined && method !== 'GET' && method !== 'HEAD') {
    body = typeof input.body === 'string' ? input.body : JSON.stringify(input.body);
    headers['content-type'] ??= 'application/json';
  }
  return { url: url.toString(), method, headers, body };
}

function stringRecord(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object') return {};
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key.toLowerCase(), String(item)]));
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
