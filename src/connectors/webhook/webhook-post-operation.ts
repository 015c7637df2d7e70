import { PermanentError, TollgateError, TransientError } from '../../core/errors.ts';
import type { OperationSpec } from '../../definition/operation-spec.ts';
import type { Operation, OperationContext } from '../../engine/operation.ts';
import { parseRetryAfter } from '../http/retry-after.ts';
import { originScope } from '../net/credential-scope.ts';
import { fetchOutbound, type OutboundResponse } from '../net/outbound-fetch.ts';
import type { OutboundPolicy } from '../net/outbound-policy.ts';
import type { WebhookInbox } from './webhook-inbox.ts';
import { signWebhook } from './webhook-signature.ts';

/** Response bodies longer than this are cut in the step's output and errors. */
const MAX_BODY_CHARS = 64 * 1024;

/** What `webhook.post` returns into the step's output variable when it posted the message. */
export interface WebhookPostOutput {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** What it returns when the connector has no URL and the message was kept in the inbox: 202, as accepted for later. */
export interface WebhookInboxOutput {
  status: 202;
  headers: Record<string, never>;
  body: null;
  inbox_id: string;
  /** False when a re-run found the message already kept. */
  created: boolean;
}

/** The spec of `webhook.post`, for validation without an inbox. */
export const webhookPostSpec: OperationSpec = {
  name: 'webhook.post',
  description:
    "POST a signed JSON body (Standard Webhooks) to the webhook connector's URL; the response status, headers and body are the output. With no URL configured, the message is kept in the webhook inbox.",
  connectorType: 'webhook',
  connectorEnvOptional: ['url', 'secret'],
  example: { body: { type: 'dispute.opened', dispute: '{{ object.id }}', amount: '{{ object.amount }}' } },
  params: {
    body: { required: true, type: 'any', description: 'The JSON payload' },
    url: { type: 'string', description: "An absolute URL instead of the connector's, or a path under it" },
    headers: { type: 'object', description: 'Extra request headers' },
  },
};

/**
 * `webhook.post`: POSTs a JSON body to the webhook connector's URL, signed
 * per Standard Webhooks (`webhook-id` = the step's idempotency key, so a
 * receiver can drop a re-delivery; `webhook-timestamp`; `webhook-signature`).
 * Network errors, 429 and 5xx retry (honouring Retry-After); other 4xx and
 * redirects fail the step with the response in the error's details.
 *
 * The signature and the connector's headers go only to the connector URL's
 * origin: a `with.url` on another host is posted unsigned, without them. The
 * post goes through the outbound policy (refused addresses, a capped response).
 *
 * With no URL configured (the connector's `url` names an unset variable, or
 * it has none, and the step gives no absolute `with.url`), the message is
 * kept in the local inbox instead, once per webhook-id: the first-run path,
 * as `email.send` keeps mail in the outbox without an smtp connector.
 */
export function createWebhookPostOperation(options: { inbox: WebhookInbox; outbound: OutboundPolicy }): Operation {
  return {
    spec: webhookPostSpec,
    async execute(input, context) {
      if (!('body' in input) || input.body === undefined) {
        throw new PermanentError('webhook_body_missing', 'with.body: give the JSON payload to send', { path: 'with.body' });
      }
      const connector = readConnector(context);
      const stepHeaders = stringRecord(input.headers, 'with.headers');
      const target = targetUrl(connector.url, input.url);
      if (target === undefined) return keepInInbox(options.inbox, context, { connector, input, headers: { ...connector.headers, ...stepHeaders } });
      const connectorUrl = connector.url === undefined || !URL.canParse(connector.url) ? undefined : new URL(connector.url);
      // The connector's secret and headers belong to its receiver: another host gets neither.
      const signed = connectorUrl !== undefined && originScope(connectorUrl).covers(target);
      const secret = signed ? requireSecret(connector) : undefined;
      return post(target, { body: input.body, headers: signed ? { ...connector.headers, ...stepHeaders } : stepHeaders, secret, context, outbound: options.outbound });
    },
  };
}

interface WebhookConnector {
  id: string;
  url: string | undefined;
  secret: string | undefined;
  headers: Record<string, string>;
  /** Config keys left out because the variable they name is unset, with that variable. */
  unsetEnv: Readonly<Record<string, string>>;
}

async function post(
  target: URL,
  request: { body: unknown; headers: Record<string, string>; secret: string | undefined; context: OperationContext; outbound: OutboundPolicy },
): Promise<WebhookPostOutput> {
  const { context, secret } = request;
  const body = JSON.stringify(request.body);
  const timestamp = Math.floor(context.clock.now().getTime() / 1000);
  const headers: Record<string, string> = {
    ...(context.traceparent === undefined ? {} : { traceparent: context.traceparent }),
    ...request.headers,
    'content-type': 'application/json',
    'user-agent': 'Tollgate-Webhooks/1',
    'webhook-id': context.idempotencyKey,
    'webhook-timestamp': String(timestamp),
    ...(secret === undefined ? {} : { 'webhook-signature': signWebhook({ id: context.idempotencyKey, timestamp, body, secret }) }),
  };
  let response: OutboundResponse;
  try {
    response = await fetchOutbound({ url: target, method: 'POST', headers, body, redirect: 'manual', signal: context.signal }, request.outbound);
  } catch (error) {
    if (error instanceof TollgateError) throw error;
    throw new TransientError('webhook_network_error', `POST ${target.toString()} failed: ${(error as Error).message}; it will be retried with the same webhook-id`, { cause: error });
  }
  const output: WebhookPostOutput = { status: response.status, headers: response.headers, body: parseBody(response.body) };
  const details = { status: output.status, body: output.body };
  if (response.status === 429 || response.status >= 500) {
    const retryAfterMs = parseRetryAfter(response.headers['retry-after'] ?? null, context.clock.now());
    throw new TransientError(`webhook_${response.status}`, `POST ${target.toString()} answered ${response.status}; it will be retried with the same webhook-id`, {
      details,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  }
  if (response.status >= 300) {
    const hint = response.status < 400 ? `; set the connector's url to the final address (${response.headers.location ?? 'no Location given'})` : '';
    throw new PermanentError(`webhook_${response.status}`, `POST ${target.toString()} answered ${response.status}${hint}`, { details });
  }
  return output;
}

async function keepInInbox(
  inbox: WebhookInbox,
  context: OperationContext,
  message: { connector: WebhookConnector; input: Record<string, unknown>; headers: Record<string, string> },
): Promise<WebhookInboxOutput> {
  const { connector, input } = message;
  const variable = connector.unsetEnv.url;
  const reason = variable === undefined ? `connector "${connector.id}" has no url` : `${variable} is not set`;
  const kept = await inbox.keepOnce({
    webhookId: context.idempotencyKey,
    connectorId: connector.id,
    runId: context.runId,
    stepPath: context.stepPath,
    path: typeof input.url === 'string' ? input.url : null,
    headers: message.headers,
    body: input.body,
    reason,
    now: context.clock.now(),
  });
  return { status: 202, headers: {}, body: null, inbox_id: kept.id, created: kept.created };
}

function readConnector(context: OperationContext): WebhookConnector {
  const connector = context.connector;
  if (connector === undefined) {
    throw new PermanentError('connector_missing', 'webhook.post needs a webhook connector (config: url, secret); add a Connector document of type webhook');
  }
  const { url, secret } = connector.config;
  if (secret !== undefined && (typeof secret !== 'string' || secret === '')) {
    throw new PermanentError('webhook_config_invalid', `connector "${connector.id}": config.secret must be the signing secret (whsec_… or any string), usually "{{ env.WEBHOOK_SECRET }}"`, {
      path: `connectors.${connector.id}.config.secret`,
    });
  }
  if (url !== undefined && typeof url !== 'string') {
    throw new PermanentError('webhook_config_invalid', `connector "${connector.id}": config.url must be the receiver's URL`, { path: `connectors.${connector.id}.config.url` });
  }
  return { id: connector.id, url, secret, headers: stringRecord(connector.config.headers, `connectors.${connector.id}.config.headers`), unsetEnv: connector.unsetEnv ?? {} };
}

/** The signing secret, needed to post; a secret whose variable is unset fails as any connector secret does. */
function requireSecret(connector: WebhookConnector): string {
  if (connector.secret !== undefined) return connector.secret;
  const variable = connector.unsetEnv.secret;
  if (variable !== undefined) {
    throw new PermanentError('connector_secret_missing', `connector "${connector.id}" needs the environment variable ${variable}; set it where the worker runs`);
  }
  throw new PermanentError('webhook_config_invalid', `connector "${connector.id}": config.secret must be the signing secret (whsec_… or any string), usually "{{ env.WEBHOOK_SECRET }}"`, {
    path: `connectors.${connector.id}.config.secret`,
  });
}

/** Where to post: `with.url` (absolute, or a path under the connector's URL), else the connector's URL; undefined when no URL is configured. */
function targetUrl(base: string | undefined, override: unknown): URL | undefined {
  if (override !== undefined && override !== null && typeof override !== 'string') {
    throw new PermanentError('webhook_url_invalid', `with.url: expected a URL or a path, got ${JSON.stringify(override)}`, { path: 'with.url' });
  }
  if (base === undefined && !isAbsoluteUrl(override)) return undefined;
  let url: URL;
  try {
    url = new URL(override ?? base ?? '', base);
  } catch {
    throw new PermanentError('webhook_url_invalid', `with.url: "${override ?? ''}" is not an absolute URL and the webhook connector's config.url (${base ?? ''}) does not resolve it`, { path: 'with.url' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new PermanentError('webhook_url_invalid', `with.url: ${url.toString()} is not an http(s) URL`, { path: 'with.url' });
  }
  return url;
}

function isAbsoluteUrl(value: string | null | undefined): boolean {
  return typeof value === 'string' && URL.canParse(value);
}

function stringRecord(value: unknown, path: string): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new PermanentError('webhook_headers_invalid', `${path}: expected an object of header names to values`, { path });
  }
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key.toLowerCase(), typeof item === 'string' ? item : JSON.stringify(item)]));
}

function parseBody(text: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text.length > MAX_BODY_CHARS ? `${text.slice(0, MAX_BODY_CHARS)}… (${text.length} characters)` : text;
  }
}
