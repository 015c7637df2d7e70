import { PermanentError, TransientError } from '../../core/errors.ts';
import type { Operation, OperationContext } from '../../engine/operation.ts';
import { parseRetryAfter } from '../http/retry-after.ts';
import { signWebhook } from './webhook-signature.ts';

/** Response bodies longer than this are cut in the step's output and errors. */
const MAX_BODY_CHARS = 64 * 1024;

/** What `webhook.post` returns into the step's output variable. */
export interface WebhookPostOutput {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/**
 * `webhook.post`: POSTs a JSON body to the webhook connector's URL, signed
 * per Standard Webhooks (`webhook-id` = the step's idempotency key, so a
 * receiver can drop a re-delivery; `webhook-timestamp`; `webhook-signature`).
 * Network errors, 429 and 5xx retry (honouring Retry-After); other 4xx and
 * redirects fail the step with the response in the error's details.
 */
export const webhookPostOperation: Operation = {
  spec: {
    name: 'webhook.post',
    description: 'POST a signed JSON body (Standard Webhooks) to the webhook connector\'s URL; the response status, headers and body are the output.',
    connectorType: 'webhook',
    params: {
      body: { required: true, description: 'The JSON payload' },
      url: { description: 'An absolute URL instead of the connector\'s, or a path under it' },
      headers: { description: 'Extra request headers' },
    },
  },
  async execute(input, context) {
    if (!('body' in input) || input.body === undefined) {
      throw new PermanentError('webhook_body_missing', 'with.body: give the JSON payload to send', { path: 'with.body' });
    }
    const { url, secret, headers: connectorHeaders } = readConnector(context);
    const target = targetUrl(url, input.url);
    const body = JSON.stringify(input.body);
    const timestamp = Math.floor(context.clock.now().getTime() / 1000);
    const headers: Record<string, string> = {
      ...connectorHeaders,
      ...stringRecord(input.headers, 'with.headers'),
      'content-type': 'application/json',
      'user-agent': 'Tollgate-Webhooks/1',
      'webhook-id': context.idempotencyKey,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signWebhook({ id: context.idempotencyKey, timestamp, body, secret }),
    };
    let response: Response;
    try {
      response = await fetch(target, { method: 'POST', headers, body, redirect: 'manual', signal: context.signal });
    } catch (error) {
      throw new TransientError('webhook_network_error', `POST ${target} failed: ${(error as Error).message}; it will be retried with the same webhook-id`, { cause: error });
    }
    const output: WebhookPostOutput = { status: response.status, headers: Object.fromEntries(response.headers), body: await readBody(response) };
    const details = { status: output.status, body: output.body };
    if (response.status === 429 || response.status >= 500) {
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), context.clock.now());
      throw new TransientError(`webhook_${response.status}`, `POST ${target} answered ${response.status}; it will be retried with the same webhook-id`, {
        details,
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      });
    }
    if (response.status >= 300) {
      const hint = response.status < 400 ? `; set the connector's url to the final address (${response.headers.get('location') ?? 'no Location given'})` : '';
      throw new PermanentError(`webhook_${response.status}`, `POST ${target} answered ${response.status}${hint}`, { details });
    }
    return output;
  },
};

function readConnector(context: OperationContext): { url: string | undefined; secret: string; headers: Record<string, string> } {
  const connector = context.connector;
  if (connector === undefined) {
    throw new PermanentError('connector_missing', 'webhook.post needs a webhook connector (config: url, secret); add a Connector document of type webhook');
  }
  const { url, secret } = connector.config;
  if (typeof secret !== 'string' || secret === '') {
    throw new PermanentError('webhook_config_invalid', `connector "${connector.id}": config.secret must be the signing secret (whsec_… or any string), usually "{{ env.WEBHOOK_SECRET }}"`, {
      path: `connectors.${connector.id}.config.secret`,
    });
  }
  if (url !== undefined && typeof url !== 'string') {
    throw new PermanentError('webhook_config_invalid', `connector "${connector.id}": config.url must be the receiver's URL`, { path: `connectors.${connector.id}.config.url` });
  }
  return { url, secret, headers: stringRecord(connector.config.headers, `connectors.${connector.id}.config.headers`) };
}

function targetUrl(base: string | undefined, override: unknown): string {
  if (override !== undefined && override !== null && typeof override !== 'string') {
    throw new PermanentError('webhook_url_invalid', `with.url: expected a URL or a path, got ${JSON.stringify(override)}`, { path: 'with.url' });
  }
  let url: URL;
  try {
    url = new URL(override ?? base ?? '', base);
  } catch {
    throw new PermanentError('webhook_url_invalid', `with.url: "${override ?? ''}" is not an absolute URL and the webhook connector gives no config.url to resolve it against`, { path: 'with.url' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new PermanentError('webhook_url_invalid', `with.url: ${url.toString()} is not an http(s) URL`, { path: 'with.url' });
  }
  return url.toString();
}

function stringRecord(value: unknown, path: string): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new PermanentError('webhook_headers_invalid', `${path}: expected an object of header names to values`, { path });
  }
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key.toLowerCase(), typeof item === 'string' ? item : JSON.stringify(item)]));
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text.length > MAX_BODY_CHARS ? `${text.slice(0, MAX_BODY_CHARS)}… (${text.length} characters)` : text;
  }
}
