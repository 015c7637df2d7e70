/** A sample Stripe event for a trigger's type, made by an in-memory sandbox, with the objects behind it. */
import type { Clock } from '../core/clock.ts';
import { eventTypeMatches } from '../definition/event-type-check.ts';
import { STRIPE_EVENT_TYPES } from '../definition/stripe-event-types.ts';
import { triggerEvent } from '../sandbox/event-trigger.ts';
import { createState } from '../sandbox/sandbox-state.ts';
import type { StripeEvent, StripeObject } from '../sandbox/stripe-objects.ts';

export interface SampleEvent {
  event: StripeEvent;
  /** Every object the sandbox made for it (the charge behind a fraud warning), for simulated reads. */
  objects: StripeObject[];
}

/** The first concrete event type a trigger's patterns name: `charge.*` → the first Stripe type it matches. */
export function sampleEventType(patterns: string | readonly string[]): string {
  const list = typeof patterns === 'string' ? [patterns] : [...patterns];
  const exact = list.find((pattern) => !pattern.includes('*'));
  return exact ?? STRIPE_EVENT_TYPES.find((type) => eventTypeMatches(list, type)) ?? 'charge.succeeded';
}

export function sampleEvent(type: string, options: { clock: Clock; account: string | null }): SampleEvent {
  const state = createState();
  const event = triggerEvent({ state, clock: options.clock, request: { id: null, idempotencyKey: null }, account: options.account, apiVersion: '2025-01-27.acacia', emitted: [] }, type, {});
  const objects: StripeObject[] = [];
  for (const collection of Object.values(state)) {
    if (collection instanceof Map) for (const value of collection.values()) if (value !== null && typeof value === 'object' && 'id' in value) objects.push(value as StripeObject);
  }
  return { event, objects };
}
