import { InvalidInputError } from '../core/errors.ts';
import type { ApiResponse, RecordedRequest } from './api-request-handler.ts';
import type { TriggerOptions } from './event-trigger.ts';
import { invalidRequest, SandboxApiError } from './sandbox-errors.ts';
import type { StripeEvent } from './stripe-objects.ts';
import type { DeliveryRecord } from './webhook-delivery.ts';

/** What the `/_sandbox/…` routes drive: the sandbox's test hooks. */
export interface SandboxControl {
  trigger(type: string, options?: TriggerOptions): StripeEvent;
  readonly requests: readonly RecordedRequest[];
  readonly deliveries: readonly DeliveryRecord[];
}

const TRIGGER_FIELDS = ['event', 'amount', 'currency', 'customer', 'metadata', 'account'];

/**
 * The sandbox's own routes, for `tollgate stripe trigger` and tests:
 * `POST /_sandbox/trigger` (JSON `{event, amount?, currency?, customer?, metadata?, account?}`,
 * answers the event), `GET /_sandbox/requests`, `GET /_sandbox/deliveries`.
 */
export function handleControlRequest(control: SandboxControl, method: string, path: string, body: string): ApiResponse {
  try {
    if (method === 'POST' && path === '/_sandbox/trigger') {
      const { event, options } = readTrigger(body);
      return respond(200, control.trigger(event, options));
    }
    if (method === 'GET' && path === '/_sandbox/requests') return respond(200, { object: 'list', data: control.requests });
    if (method === 'GET' && path === '/_sandbox/deliveries') return respond(200, { object: 'list', data: control.deliveries });
    throw invalidRequest(`Unrecognized sandbox URL (${method}: ${path}). Known: POST /_sandbox/trigger, GET /_sandbox/requests, GET /_sandbox/deliveries.`, { status: 404 });
  } catch (error) {
    if (error instanceof SandboxApiError) return respond(error.status, error.toResponseBody());
    if (error instanceof InvalidInputError) return respond(400, { error: { type: 'invalid_request_error', code: error.code, message: error.message, param: error.path } });
    throw error;
  }
}

function readTrigger(body: string): { event: string; options: TriggerOptions } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body === '' ? '{}' : body);
  } catch {
    throw invalidRequest('The body of POST /_sandbox/trigger must be JSON, e.g. {"event": "payment_intent.succeeded", "amount": 2000}.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw invalidRequest('The trigger body must be a JSON object.');
  const input = parsed as Record<string, unknown>;
  const unknown = Object.keys(input).find((key) => !TRIGGER_FIELDS.includes(key));
  if (unknown !== undefined) throw invalidRequest(`Unknown trigger field "${unknown}". Known fields: ${TRIGGER_FIELDS.join(', ')}.`, { param: unknown });
  if (typeof input.event !== 'string') throw invalidRequest('Missing "event": the event type to trigger, e.g. "payment_intent.succeeded".', { param: 'event' });
  const options: TriggerOptions = {};
  if (input.amount !== undefined) {
    if (typeof input.amount !== 'number' || !Number.isSafeInteger(input.amount) || input.amount < 1) throw invalidRequest('"amount" must be a positive integer in minor units (2000 = 20.00 USD).', { param: 'amount' });
    options.amount = input.amount;
  }
  for (const field of ['currency', 'customer', 'account'] as const) {
    const value = input[field];
    if (value === undefined) continue;
    if (typeof value !== 'string') throw invalidRequest(`"${field}" must be a string.`, { param: field });
    options[field] = value;
  }
  if (input.metadata !== undefined) options.metadata = readMetadata(input.metadata);
  return { event: input.event, options };
}

function readMetadata(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalidRequest('"metadata" must be an object of strings.', { param: 'metadata' });
  const metadata: Record<string, string> = {};
  for (const [key, item] of Object.entries(value)) {
    if (typeof item !== 'string') throw invalidRequest(`"metadata.${key}" must be a string.`, { param: 'metadata' });
    metadata[key] = item;
  }
  return metadata;
}

function respond(status: number, value: unknown): ApiResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: `${JSON.stringify(value, null, 2)}\n` };
}
