/** Request and response schemas of the received-events routes. */
import { z } from 'zod';
import { DEFAULT_EVENT_PAGE, MAX_EVENT_PAGE } from '../application/received-events.ts';

const time = z.iso.datetime();

export const eventParams = z.strictObject({ id: z.string().min(1).meta({ description: 'A Stripe event id, e.g. `evt_1...`' }) });

export const eventListQuery = z.strictObject({
  type: z.string().min(1).optional().meta({ description: 'Only events of this type, e.g. `charge.refunded`' }),
  limit: z.coerce.number().int().min(1).max(MAX_EVENT_PAGE).default(DEFAULT_EVENT_PAGE).meta({ description: `Events per page, 1 to ${MAX_EVENT_PAGE}` }),
  cursor: z.string().min(1).optional().meta({ description: 'The `next_cursor` of the previous page' }),
});

export const eventMatchSchema = z.object({
  workflow: z.string(),
  run: z.string().nullable().meta({ description: 'The run the event started, or null' }),
  reason: z.string().meta({ description: 'Why: `started`, `condition_false`, `condition_error: ...`, `account_mismatch: ...`, `workflow_inactive`' }),
});

export const eventSummarySchema = z.object({
  id: z.string(),
  type: z.string(),
  account: z.string().nullable().meta({ description: 'The connected account, for Connect events' }),
  connector: z.string(),
  livemode: z.boolean(),
  created: z.number().int().meta({ description: "Stripe's `created`, unix seconds" }),
  source: z.string().meta({ description: '`webhook` or `poll`' }),
  received_at: time,
  matches: z.array(eventMatchSchema).meta({ description: 'Each workflow listening to this type: the run it started, or why none' }),
});
export const eventSchema = eventSummarySchema.extend({ payload: z.unknown().meta({ description: 'The Stripe event object as received' }) });

export const eventListResponseSchema = z.object({
  events: z.array(eventSummarySchema).meta({ description: 'Newest first' }),
  next_cursor: z.string().nullable(),
});
export const eventResponseSchema = z.object({ event: eventSchema });

export type EventSummaryBody = z.output<typeof eventSummarySchema>;
export type EventBody = z.output<typeof eventSchema>;

/** A Stripe event delivery, as Stripe sends it: signed with `Stripe-Signature: t=...,v1=...`. */
export const stripeEventPayloadSchema = z.unknown().meta({ description: 'A Stripe event object, signed with the `Stripe-Signature` header over the raw body' });

export const stripeIntakeResponseSchema = z.object({
  received: z.boolean(),
  event_id: z.string(),
  duplicate: z.boolean().meta({ description: 'The event was stored before (a repeated delivery): nothing more was started' }),
  runs: z.array(z.string()).meta({ description: 'The runs this delivery started' }),
});
