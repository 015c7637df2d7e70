import type { Clock } from '../core/clock.ts';
import { triggerEvent, type TriggerOptions } from './event-trigger.ts';
import { SANDBOX_API_VERSION } from './operation-context.ts';
import { createState } from './sandbox-state.ts';
import type { StripeEvent } from './stripe-objects.ts';

export interface SampleEventOptions extends TriggerOptions {
  clock: Clock;
  /** The `api_version` the event carries; default the sandbox's. */
  apiVersion?: string;
}

/**
 * An event of `type` as the sandbox's `trigger` makes it (real objects where
 * the sandbox keeps their kind, a generated one of the right kind otherwise),
 * made in a throwaway state: nothing is stored or delivered.
 *
 * @example sampleEvent('charge.succeeded', { clock: systemClock }).data.object.amount // 2000
 */
export function sampleEvent(type: string, options: SampleEventOptions): StripeEvent {
  const { clock, apiVersion = SANDBOX_API_VERSION, ...trigger } = options;
  const ctx = { state: createState(), clock, request: { id: null, idempotencyKey: null }, account: trigger.account ?? null, apiVersion, emitted: [] };
  return structuredClone(triggerEvent(ctx, type, trigger));
}
