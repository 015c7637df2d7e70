import type { Clock } from '../core/clock.ts';
import { newId } from '../core/ids.ts';
import type { SandboxState } from './sandbox-state.ts';
import type { StripeEvent, StripeObject, WebhookEndpoint } from './stripe-objects.ts';

/** The Stripe API version the sandbox speaks unless told another. */
export const SANDBOX_API_VERSION = '2026-10-28.endive';

/** What an operation on the sandbox's objects works with: one API request or one trigger. */
export interface OperationContext {
  readonly state: SandboxState;
  readonly clock: Clock;
  /** The API request behind the operation, as events report it; ids are null for triggers. */
  readonly request: { id: string | null; idempotencyKey: string | null };
  /** The connected account from the `Stripe-Account` header, put on emitted events. */
  readonly account: string | null;
  readonly apiVersion: string;
  /** Events emitted so far, in order; the sandbox delivers them once the operation is done. */
  readonly emitted: StripeEvent[];
}

/** Current time in Unix seconds, Stripe's `created` unit. */
export function unixNow(ctx: OperationContext): number {
  return Math.floor(ctx.clock.now().getTime() / 1000);
}

/** A new id with a Stripe prefix: `cus_…`, `pi_…`. */
export function newObjectId(ctx: OperationContext, prefix: string): string {
  return newId(prefix, ctx.clock.now());
}

/**
 * Records an event with a snapshot of `object` (and, for updates, the
 * attributes' previous values) and queues it for webhook delivery.
 */
export function emitEvent(
  ctx: OperationContext,
  type: string,
  object: StripeObject,
  previousAttributes?: Record<string, unknown>,
): StripeEvent {
  const data: StripeEvent['data'] = { object: structuredClone(object) };
  if (previousAttributes !== undefined) data.previous_attributes = structuredClone(previousAttributes);
  const event: StripeEvent = {
    id: newObjectId(ctx, 'evt'),
    object: 'event',
    api_version: ctx.apiVersion,
    created: unixNow(ctx),
    data,
    livemode: false,
    pending_webhooks: [...ctx.state.webhook_endpoints.values()].filter((endpoint) => endpointWants(endpoint, type)).length,
    request: { id: ctx.request.id, idempotency_key: ctx.request.idempotencyKey },
    type,
  };
  if (ctx.account !== null) event.account = ctx.account;
  ctx.state.events.set(event.id, event);
  ctx.emitted.push(event);
  return event;
}

/** Whether an endpoint subscribes to an event type (`*` means every type). */
export function endpointWants(endpoint: WebhookEndpoint, type: string): boolean {
  return endpoint.status === 'enabled' && (endpoint.enabled_events.includes('*') || endpoint.enabled_events.includes(type));
}
