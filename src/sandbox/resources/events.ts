import type { FormObject } from '../form-decoder.ts';
import { paginate } from '../list-pagination.ts';
import type { OperationContext } from '../operation-context.ts';
import { assertKnownParams, LIST_PARAMS, readBoolean, readString, readStringList } from '../param-readers.ts';
import { invalidRequest, resourceMissing } from '../sandbox-errors.ts';
import { retrieveRoute, type Route } from '../sandbox-route.ts';
import type { StripeEvent } from '../stripe-objects.ts';

const MAX_TYPES = 20;

/** As at Stripe, a request made as a connected account (`Stripe-Account`) sees that account's events; otherwise the platform's own. */
function seenBy(ctx: OperationContext, event: StripeEvent): boolean {
  return (event.account ?? null) === ctx.account;
}

function getEvent(ctx: OperationContext, id: string): StripeEvent {
  const event = ctx.state.events.get(id);
  if (event === undefined || !seenBy(ctx, event)) throw resourceMissing('event', id, 'id');
  return event;
}

/**
 * GET /v1/events: the caller's account's events (seenBy), newest first; `type` (with `*` wildcards such as `charge.*`) or `types[]`, `created`, cursors;
 * `delivery_success=false` keeps the events some endpoint has not taken yet (pending or failed: `pending_webhooks` > 0).
 */
function listEvents(ctx: OperationContext, params: FormObject): ReturnType<typeof paginate<StripeEvent>> {
  assertKnownParams(params, [...LIST_PARAMS, 'type', 'types', 'delivery_success']);
  const type = readString(params, 'type');
  const types = readStringList(params, 'types');
  const deliverySuccess = readBoolean(params, 'delivery_success');
  if (type !== undefined && types !== undefined) throw invalidRequest('You may only specify one of these parameters: type, types.', { param: 'types' });
  if (types !== undefined && types.length > MAX_TYPES) throw invalidRequest(`You may pass at most ${MAX_TYPES} event types.`, { param: 'types' });
  const patterns = (types ?? (type === undefined ? [] : [type])).map(typePattern);
  return paginate(ctx.state.events.values(), params, {
    url: '/v1/events',
    kind: 'event',
    filter: (event) =>
      seenBy(ctx, event) &&
      (patterns.length === 0 || patterns.some((matches) => matches(event.type))) &&
      (deliverySuccess === undefined || deliverySuccess === (event.pending_webhooks === 0)),
  });
}

/**
 * A matcher for a type with `*` wildcards. Not a RegExp: `a*b*c*...` would
 * backtrack polynomially; here each literal part is found once, left to right.
 */
function typePattern(type: string): (candidate: string) => boolean {
  const parts = type.split('*');
  const first = parts[0] ?? '';
  const last = parts.length > 1 ? (parts[parts.length - 1] ?? '') : '';
  const middle = parts.slice(1, -1);
  return (candidate) => {
    if (parts.length === 1) return candidate === type;
    if (candidate.length < first.length + last.length || !candidate.startsWith(first) || !candidate.endsWith(last)) return false;
    let position = first.length;
    const end = candidate.length - last.length;
    for (const part of middle) {
      const found = candidate.indexOf(part, position);
      if (found === -1 || found + part.length > end) return false;
      position = found + part.length;
    }
    return true;
  };
}

export const eventRoutes: readonly Route[] = [
  { method: 'GET', path: '/v1/events', handler: listEvents },
  retrieveRoute('/v1/events/:id', getEvent),
];
