import { randomBytes } from 'node:crypto';
import type { FormObject } from '../form-decoder.ts';
import { paginate } from '../list-pagination.ts';
import { newObjectId, unixNow, type OperationContext } from '../operation-context.ts';
import { assertKnownParams, LIST_PARAMS, mergeMetadata, readBoolean, readEnum, readNullableString, readString, readStringList, requireString } from '../param-readers.ts';
import { parameterError, resourceMissing } from '../sandbox-errors.ts';
import { retrieveRoute, type ApiResult, type Route } from '../sandbox-route.ts';
import { EVENT_PAYLOADS, type EventPayload, type WebhookEndpoint } from '../stripe-objects.ts';

export interface EndpointInput {
  /** Update this endpoint (when it exists) instead of the one with `url`. */
  id?: string;
  url: string;
  /** Defaults to a new `whsec_…` secret. */
  secret?: string;
  /** Event types to send; default every type (`*`). */
  enabledEvents?: readonly string[];
  description?: string | null;
  metadata?: Record<string, string>;
  /** `thin`: deliveries carry thin events (v2.core.event naming the object) instead of the whole event; default `snapshot`. */
  eventPayload?: EventPayload;
}

/** A new webhook endpoint with a `whsec_…` signing secret. */
export function createWebhookEndpoint(ctx: OperationContext, input: EndpointInput): WebhookEndpoint {
  checkUrl(input.url);
  const endpoint: WebhookEndpoint = {
    id: newObjectId(ctx, 'we'),
    object: 'webhook_endpoint',
    api_version: null,
    application: null,
    created: unixNow(ctx),
    description: input.description ?? null,
    enabled_events: [...(input.enabledEvents ?? ['*'])],
    livemode: false,
    metadata: { ...input.metadata },
    secret: input.secret ?? `whsec_${randomBytes(24).toString('hex')}`,
    status: 'enabled',
    url: input.url,
    event_payload: input.eventPayload ?? 'snapshot',
  };
  ctx.state.webhook_endpoints.set(endpoint.id, endpoint);
  return endpoint;
}

function checkUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw parameterError('url_invalid', `Invalid URL: ${value}. Give an absolute http:// or https:// URL.`, 'url');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw parameterError('url_invalid', `Invalid URL: ${value}. Only http and https are supported.`, 'url');
  return value;
}

/**
 * The endpoint `input.id` (or else the one for `input.url`), created or (when
 * one exists) given the new URL, secret and event types.
 */
export function upsertWebhookEndpoint(ctx: OperationContext, input: EndpointInput): WebhookEndpoint {
  const existing = input.id === undefined ? [...ctx.state.webhook_endpoints.values()].find((endpoint) => endpoint.url === input.url) : ctx.state.webhook_endpoints.get(input.id);
  if (existing === undefined) return createWebhookEndpoint(ctx, input);
  existing.url = checkUrl(input.url);
  if (input.metadata !== undefined) existing.metadata = { ...existing.metadata, ...input.metadata };
  if (input.secret !== undefined) existing.secret = input.secret;
  if (input.enabledEvents !== undefined) existing.enabled_events = [...input.enabledEvents];
  if (input.eventPayload !== undefined) existing.event_payload = input.eventPayload;
  return existing;
}

/** Stripe shows the secret only when the endpoint is created. */
function withoutSecret(endpoint: WebhookEndpoint): ApiResult {
  const { secret: _secret, ...visible } = endpoint;
  return visible;
}

function createRoute(ctx: OperationContext, params: FormObject): ApiResult {
  // `event_payload` is the sandbox's own (Stripe sets it on v2 event destinations): `thin` makes this endpoint's deliveries thin events.
  assertKnownParams(params, ['url', 'enabled_events', 'description', 'metadata', 'api_version', 'event_payload']);
  const enabledEvents = readStringList(params, 'enabled_events');
  if (enabledEvents === undefined || enabledEvents.length === 0) throw parameterError('parameter_missing', 'Missing required param: enabled_events.', 'enabled_events');
  const eventPayload = readEnum(params, 'event_payload', EVENT_PAYLOADS);
  const endpoint = createWebhookEndpoint(ctx, {
    url: requireString(params, 'url'),
    enabledEvents,
    description: readNullableString(params, 'description') ?? null,
    ...(eventPayload === undefined ? {} : { eventPayload }),
  });
  endpoint.metadata = mergeMetadata({}, params.metadata);
  endpoint.api_version = readNullableString(params, 'api_version') ?? null;
  return endpoint;
}

/** POST /v1/webhook_endpoints/:id: a new URL, event types, description, metadata, or `disabled`. */
function updateRoute(ctx: OperationContext, params: FormObject, id: string): ApiResult {
  assertKnownParams(params, ['url', 'enabled_events', 'description', 'metadata', 'disabled', 'event_payload']);
  const endpoint = getEndpoint(ctx, id);
  const url = readString(params, 'url');
  if (url !== undefined) endpoint.url = checkUrl(url);
  const enabledEvents = readStringList(params, 'enabled_events');
  if (enabledEvents !== undefined) endpoint.enabled_events = enabledEvents;
  const description = readNullableString(params, 'description');
  if (description !== undefined) endpoint.description = description;
  endpoint.metadata = mergeMetadata(endpoint.metadata, params.metadata);
  const eventPayload = readEnum(params, 'event_payload', EVENT_PAYLOADS);
  if (eventPayload !== undefined) endpoint.event_payload = eventPayload;
  const disabled = readBoolean(params, 'disabled');
  if (disabled !== undefined) endpoint.status = disabled ? 'disabled' : 'enabled';
  return withoutSecret(endpoint);
}

function getEndpoint(ctx: OperationContext, id: string): WebhookEndpoint {
  const endpoint = ctx.state.webhook_endpoints.get(id);
  if (endpoint === undefined) throw resourceMissing('webhook endpoint', id, 'id');
  return endpoint;
}

function deleteRoute(ctx: OperationContext, params: FormObject, id: string): ApiResult {
  assertKnownParams(params, []);
  getEndpoint(ctx, id);
  ctx.state.webhook_endpoints.delete(id);
  return { id, object: 'webhook_endpoint', deleted: true };
}

function listRoute(ctx: OperationContext, params: FormObject): ApiResult {
  assertKnownParams(params, LIST_PARAMS);
  const page = paginate(ctx.state.webhook_endpoints.values(), params, { url: '/v1/webhook_endpoints', kind: 'webhook endpoint' });
  return { ...page, data: page.data.map(withoutSecret) };
}

export const webhookEndpointRoutes: readonly Route[] = [
  { method: 'POST', path: '/v1/webhook_endpoints', handler: createRoute },
  { method: 'GET', path: '/v1/webhook_endpoints', handler: listRoute },
  retrieveRoute('/v1/webhook_endpoints/:id', (ctx, id) => withoutSecret(getEndpoint(ctx, id))),
  { method: 'POST', path: '/v1/webhook_endpoints/:id', handler: updateRoute },
  { method: 'DELETE', path: '/v1/webhook_endpoints/:id', handler: deleteRoute },
];
