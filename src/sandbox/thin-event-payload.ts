import type { StripeEvent } from './stripe-objects.ts';

/** A thin event as a Stripe event destination with `event_payload: thin` delivers it: the event names its object, the receiver fetches it. */
export interface ThinEventPayload {
  id: string;
  object: 'v2.core.event';
  type: string;
  /** An ISO time, as v2 objects give times. */
  created: string;
  livemode: boolean;
  /** The connected account the event is from; absent for the platform's own. */
  context?: string;
  related_object: { id: string; type: string; url: string };
  /** The v1 snapshot event of the same change. */
  snapshot_event?: string;
  reason: { type: 'request'; request: { id: string; idempotency_key: string | null } } | null;
}

/**
 * The thin form of a v1 event: type `v1.<type>`, and a `related_object`
 * whose url is the object's retrieve route (`payment_intent` →
 * `/v1/payment_intents/pi_…`, `radar.early_fraud_warning` →
 * `/v1/radar/early_fraud_warnings/issfr_…`), which the sandbox serves for the
 * objects it keeps. Its own id (`evt_v2_…`), and `snapshot_event` naming the
 * snapshot event, as Stripe sends both when one change makes both events.
 */
export function thinEventPayload(event: StripeEvent): ThinEventPayload {
  const { id, object: type } = event.data.object;
  return {
    id: event.id.replace(/^evt_/, 'evt_v2_'),
    object: 'v2.core.event',
    type: `v1.${event.type}`,
    created: new Date(event.created * 1000).toISOString(),
    livemode: event.livemode,
    ...(event.account === undefined ? {} : { context: event.account }),
    related_object: { id, type, url: `${retrievePath(type)}/${encodeURIComponent(id)}` },
    snapshot_event: event.id,
    reason: event.request.id === null ? null : { type: 'request', request: { id: event.request.id, idempotency_key: event.request.idempotency_key } },
  };
}

/** Stripe's collection path of an object type: the type's last word made plural, under its namespace. */
function retrievePath(type: string): string {
  const words = type.split('.');
  const last = words.pop() ?? type;
  return `/v1/${[...words, `${last}s`].join('/')}`;
}
