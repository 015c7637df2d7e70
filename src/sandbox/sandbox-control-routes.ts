import { InvalidInputError } from '../core/errors.ts';
import type { ApiResponse, RecordedRequest } from './api-request-handler.ts';
import type { TriggerOptions } from './event-trigger.ts';
import { invalidRequest, SandboxApiError } from './sandbox-errors.ts';
import type { StripeEvent } from './stripe-objects.ts';
import type { Fault, QueuedFault } from './fault-injection.ts';
import { readFaultRequest, viewFault } from './fault-request.ts';
import type { SandboxStatus } from './sandbox-status.ts';
import type { DeliveryRecord } from './webhook-delivery.ts';

/** What the `/_sandbox/…` routes drive: the sandbox's test hooks. */
export interface SandboxControl {
  trigger(type: string, options?: TriggerOptions): StripeEvent;
  sendEvent(document: Record<string, unknown>, options?: { type?: string; account?: string }): StripeEvent;
  readonly requests: readonly RecordedRequest[];
  readonly deliveries: readonly DeliveryRecord[];
  readonly faults: readonly QueuedFault[];
  failNext(count: number, fault: Fault): void;
  clearFaults(): number;
  status(): SandboxStatus;
}

const TRIGGER_FIELDS = ['event', 'amount', 'currency', 'customer', 'metadata', 'account', 'charge'];
const EVENT_FIELDS = ['event', 'object', 'type', 'account'];
const ROUTES = 'POST /_sandbox/trigger, POST /_sandbox/events, GET /_sandbox/status, GET /_sandbox/requests, GET /_sandbox/deliveries, GET|POST|DELETE /_sandbox/faults';

/**
 * The sandbox's own routes, for `tollgate stripe` and black-box tests:
 * `POST /_sandbox/trigger` (JSON `{event, amount?, currency?, customer?, metadata?, account?, charge?}`,
 * answers the event), `POST /_sandbox/events` (`{event}` or `{type, object}`: sends exactly
 * that event), `GET /_sandbox/status`, `GET /_sandbox/requests`, `GET /_sandbox/deliveries`,
 * and the fault queue: `POST /_sandbox/faults` (`{count, status | kind, after_processing?,
 * method?, path?}`), `GET /_sandbox/faults`, `DELETE /_sandbox/faults`.
 */
export function handleControlRequest(control: SandboxControl, method: string, path: string, body: string): ApiResponse {
  try {
    const route = `${method} ${path.replace(/\/+$/, '')}`;
    switch (route) {
      case 'POST /_sandbox/trigger': {
        const { event, options } = readTrigger(readJsonObject(body, path, '{"event": "payment_intent.succeeded", "amount": 2000}'));
        return respond(200, control.trigger(event, options));
      }
      case 'POST /_sandbox/events': {
        const { document, options } = readEventRequest(readJsonObject(body, path, '{"event": {"type": "charge.dispute.created", "data": {"object": {...}}}}'));
        return respond(200, control.sendEvent(document, options));
      }
      case 'GET /_sandbox/status':
        return respond(200, control.status());
      case 'GET /_sandbox/requests':
        return respond(200, { object: 'list', data: control.requests });
      case 'GET /_sandbox/deliveries':
        return respond(200, { object: 'list', data: control.deliveries });
      case 'GET /_sandbox/faults':
        return respond(200, { object: 'list', data: control.faults.map(viewFault) });
      case 'POST /_sandbox/faults': {
        const { count, fault } = readFaultRequest(readJsonObject(body, path, '{"count": 1, "status": 500, "after_processing": true, "path": "/v1/refunds"}'));
        control.failNext(count, fault);
        return respond(200, { object: 'list', data: control.faults.map(viewFault) });
      }
      case 'DELETE /_sandbox/faults':
        return respond(200, { deleted: control.clearFaults() });
      default:
        throw invalidRequest(`Unrecognized sandbox URL (${method}: ${path}). Known: ${ROUTES}.`, { status: 404 });
    }
  } catch (error) {
    if (error instanceof SandboxApiError) return respond(error.status, error.toResponseBody());
    if (error instanceof InvalidInputError) return respond(400, { error: { type: 'invalid_request_error', code: error.code, message: error.message, param: error.path } });
    throw error;
  }
}

function readJsonObject(body: string, path: string, example: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body === '' ? '{}' : body);
  } catch {
    throw invalidRequest(`The body of POST ${path} must be JSON, e.g. ${example}.`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw invalidRequest(`The body of POST ${path} must be a JSON object, e.g. ${example}.`);
  return parsed as Record<string, unknown>;
}

function readEventRequest(input: Record<string, unknown>): { document: Record<string, unknown>; options: { type?: string; account?: string } } {
  const unknown = Object.keys(input).find((key) => !EVENT_FIELDS.includes(key));
  if (unknown !== undefined) throw invalidRequest(`Unknown field "${unknown}". Known fields: ${EVENT_FIELDS.join(', ')}.`, { param: unknown });
  if ((input.event === undefined) === (input.object === undefined)) throw invalidRequest('Give either "event" (a whole event) or "object" (its data.object, with "type").', { param: 'event' });
  const document = input.event ?? input.object;
  if (typeof document !== 'object' || document === null || Array.isArray(document)) throw invalidRequest(`"${input.event === undefined ? 'object' : 'event'}" must be a JSON object.`, { param: input.event === undefined ? 'object' : 'event' });
  const options: { type?: string; account?: string } = {};
  for (const field of ['type', 'account'] as const) {
    const value = input[field];
    if (value === undefined) continue;
    if (typeof value !== 'string') throw invalidRequest(`"${field}" must be a string.`, { param: field });
    options[field] = value;
  }
  return { document: document as Record<string, unknown>, options };
}

function readTrigger(input: Record<string, unknown>): { event: string; options: TriggerOptions } {
  const unknown = Object.keys(input).find((key) => !TRIGGER_FIELDS.includes(key));
  if (unknown !== undefined) throw invalidRequest(`Unknown trigger field "${unknown}". Known fields: ${TRIGGER_FIELDS.join(', ')}.`, { param: unknown });
  if (typeof input.event !== 'string') throw invalidRequest('Missing "event": the event type to trigger, e.g. "payment_intent.succeeded".', { param: 'event' });
  const options: TriggerOptions = {};
  if (input.amount !== undefined) {
    if (typeof input.amount !== 'number' || !Number.isSafeInteger(input.amount) || input.amount < 1) throw invalidRequest('"amount" must be a positive integer in minor units (2000 = 20.00 USD).', { param: 'amount' });
    options.amount = input.amount;
  }
  for (const field of ['currency', 'customer', 'account', 'charge'] as const) {
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
