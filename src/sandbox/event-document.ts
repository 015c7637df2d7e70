import { checkEventTypeSyntax } from './generated-event-object.ts';
import { endpointWants, newObjectId, unixNow, type OperationContext } from './operation-context.ts';
import { invalidRequest } from './sandbox-errors.ts';
import type { StripeEvent, StripeObject } from './stripe-objects.ts';

/**
 * The event an `--event-file` describes: a whole event (`object: "event"`, or
 * `type` and `data.object`), or only its `data.object`, then of `type`. Sent
 * as given; `id`, `created`, `api_version`, `livemode` and the bookkeeping
 * fields are filled only when missing. An `id` sent before is sent again
 * (a duplicate delivery, as Stripe sometimes makes).
 */
export function eventFromDocument(ctx: OperationContext, document: Record<string, unknown>, type: string | undefined): StripeEvent {
  const whole = document.object === 'event' || (document.type !== undefined && document.data !== undefined);
  const eventType = whole ? document.type : type;
  if (typeof eventType !== 'string') {
    throw invalidRequest(
      whole ? 'The event has no "type": give it one, e.g. "type": "charge.dispute.created".' : 'The document is a data.object, not an event: give the event type to send it with.',
      { code: 'parameter_missing', param: whole ? 'event.type' : 'type' },
    );
  }
  if (whole && type !== undefined && type !== eventType) {
    throw invalidRequest(`The event in the document is a "${eventType}", not a "${type}": leave the type out, or make them the same.`, { param: 'type' });
  }
  checkEventTypeSyntax(eventType);
  const object = whole ? (document.data as Record<string, unknown> | null | undefined)?.object : document;
  if (!isObject(object)) throw invalidRequest('The event\'s "data.object" must be an object, e.g. {"id": "dp_123", "object": "dispute"}.', { param: 'event.data.object' });
  const event = { ...(whole ? document : {}) } as Record<string, unknown>;
  event.id ??= newObjectId(ctx, 'evt');
  event.object = 'event';
  event.type = eventType;
  event.created ??= unixNow(ctx);
  event.api_version ??= ctx.apiVersion;
  event.livemode ??= false;
  event.data = { ...(whole && isObject(document.data) ? document.data : {}), object: object as StripeObject };
  event.pending_webhooks ??= [...ctx.state.webhook_endpoints.values()].filter((endpoint) => endpointWants(endpoint, eventType)).length;
  event.request ??= { id: null, idempotency_key: null };
  if (ctx.account !== null) event.account ??= ctx.account;
  if (typeof event.id !== 'string' || !event.id.startsWith('evt_')) throw invalidRequest(`The event "id" must be a string starting with evt_, got ${JSON.stringify(event.id)}.`, { param: 'event.id' });
  if (!Number.isSafeInteger(event.created)) throw invalidRequest('The event "created" must be unix seconds, an integer.', { param: 'event.created' });
  return event as StripeEvent;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
