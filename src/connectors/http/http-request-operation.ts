import { PermanentError, TollgateError, TransientError } from '../../core/errors.ts';
import type { OperationSpec } from '../../definition/operation-spec.ts';
import type { Operation, OperationContext } from '../../engine/operation.ts';
import { baseUrlScope } from '../net/credential-scope.ts';
import { fetchOutbound, type OutboundCredentials, type OutboundRequest, type OutboundResponse } from '../net/outbound-fetch.ts';
import type { OutboundPolicy } from '../net/outbound-policy.ts';
import { parseRetryAfter } from './retry-after.ts';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'] as const;

/** The spec of `http.request`, for validation and the reference. */
export const httpRequestSpec: OperationSpec = {
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
};

/**
 * `http.request`: calls any HTTP endpoint with a JSON body. An `http`
 * connector, when named or alone, supplies the base URL and auth headers;
 * its secrets come from the environment and never enter the run, and they
 * are sent only to URLs under its `base_url` (another URL, or a redirect
 * elsewhere, gets none). Every call goes through the outbound policy:
 * refused addresses, redirects checked hop by hop, a capped response.
 * 5xx, 429 and network failures retry; other 4xx fail the step.
 */
export function createHttpRequestOperation(options: { outbound: OutboundPolicy }): Operation {
  return {
    spec: httpRequestSpec,
    async execute(input, context) {
      const request = buildRequest(input, context);
      const label = `${request.method} ${request.url.toString()}`;
      let response: OutboundResponse;
      try {
        response = await fetchOutbound(request, options.outbound);
      } catch (error) {
        if (error instanceof TollgateError) throw error;
        throw new TransientError('http_network_error', `${label} failed: ${(error as Error).message}`, { cause: error });
      }
      const body = parseBody(response.body);
      const output = { status: response.status, headers: response.headers, body };
      if (response.status === 429 || response.status >= 500) {
        const retryAfterMs = parseRetryAfter(response.headers['retry-after'] ?? null, context.clock.now());
        throw new TransientError(`http_${response.status}`, `${label} answered ${response.status}`, {
          details: { status: response.status, body },
          ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
        });
      }
      if (response.status >= 400) {
        throw new PermanentError(`http_${response.status}`, `${label} answered ${response.status}`, { details: { status: response.status, body } });
      }
      return output;
    },
  };
}

function buildRequest(input: Record<string, unknown>, context: OperationContext): OutboundRequest {
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
    ...(context.traceparent === undefined ? {} : { traceparent: context.traceparent }),
    ...stringRecord(input.headers),
  };
  let body: string | undefined;
  if (input.body !== undefined && method !== 'GET' && method !== 'HEAD') {
    body = typeof input.body === 'string' ? input.body : JSON.stringify(input.body);
    headers['content-type'] ??= 'application/json';
  }
  const credentials = connectorCredentials(context, { base, stepHeaders: stringRecord(input.headers) });
  return { url, method, headers, body, signal: context.signal, ...(credentials === undefined ? {} : { credentials }) };
}

/**
 * The connector's headers and bearer token, scoped to its base_url. The step's
 * own headers win over the connector's except `authorization` from bearer_token.
 */
function connectorCredentials(context: OperationContext, request: { base: string | undefined; stepHeaders: Record<string, string> }): OutboundCredentials | undefined {
  const { base } = request;
  const connector = context.connector;
  if (connector === undefined) return undefined;
  const headers = Object.fromEntries(Object.entries(stringRecord(connector.config.headers)).filter(([name]) => !(name in request.stepHeaders)));
  if (typeof connector.config.bearer_token === 'string') headers.authorization = `Bearer ${connector.config.bearer_token}`;
  if (Object.keys(headers).length === 0) return undefined;
  const scope = base === undefined ? undefined : URL.canParse(base) ? new URL(base) : undefined;
  if (scope === undefined) {
    throw new PermanentError(
      'http_config_invalid',
      `connector "${connector.id}" has credentials (headers or bearer_token) but ${base === undefined ? 'no base_url' : `base_url ${JSON.stringify(base)} is not an absolute URL`}; set base_url to the API's address: its credentials are sent only there`,
      { path: `connectors.${connector.id}.config.base_url` },
    );
  }
  return { headers, scope: baseUrlScope(scope) };
}

function stringRecord(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object') return {};
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key.toLowerCase(), String(item)]));
}

function parseBody(text: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
