/** Request and response schemas of the received-events routes. */
import { z } from 'zod';
import { DEFAULT_EVENT_PAGE, MAX_EVENT_PAGE } from '../application/received-events.ts';
import { stripeObjectId } from './request-schemas.ts';

const time = z.iso.datetime();
const receivedTime = z.iso.datetime({ offset: true }).transform((text) => new Date(text));

export const eventParams = z.strictObject({ id: z.string().min(1).meta({ description: 'A Stripe event id, e.g. `evt_1...`' }) });

export const eventListQuery = z.strictObject({
  type: z.string().min(1).optional().meta({ description: 'Only events of this type, e.g. `charge.refunded`' }),
  object: stripeObjectId.optional().meta({ description: "Only events about this Stripe object (`pi_...`, `ch_...`, `in_...`, `cus_...`) or about what belongs to it: a customer's id also finds the events about its payments, charges and invoices, a payment's its charges, refunds and disputes, a charge's its refunds, disputes and early fraud warnings" }),
  since: receivedTime.optional().meta({ description: 'Only events received at or after this ISO 8601 time' }),
  until: receivedTime.optional().meta({ description: 'Only events received before this ISO 8601 time (after `since`)' }),
  limit: z.coerce.number().int().min(1).max(MAX_EVENT_PAGE).default(DEFAULT_EVENT_PAGE).meta({ description: `Events per page, 1 to ${MAX_EVENT_PAGE}` }),
  cursor: z.string().min(1).optional().meta({ description: 'The `next_cursor` of the previous page' }),
});

/** A workflow named for people beside its id, as events and replays name the workflows they matched. */
const workflowTitle = z.string().meta({ description: "The workflow's title now (`workflow` is its id)" });

export const eventMatchSchema = z.object({
  workflow: z.string(),
  workflow_title: workflowTitle,
  run: z.string().nullable().meta({ description: 'The run the event started, or null' }),
  reason: z.string().meta({ description: 'Why: `started`, `condition_false`, `condition_error: ...`, `account_mismatch: ...`, `workflow_inactive`' }),
  generation: z.number().int().min(0).meta({ description: '0: when the event arrived; 1, 2...: the replays that started this workflow again' }),
  replayed_by: z.string().nullable().meta({ description: 'Who replayed the event (email), for a replay; null on arrival or when nobody was signed in' }),
  replayed_at: time.nullable().meta({ description: 'When the replay ran; null on arrival' }),
});

export const eventSummarySchema = z.object({
  id: z.string(),
  type: z.string(),
  account: z.string().nullable().meta({ description: 'The connected account, for Connect events' }),
  connector: z.string(),
  livemode: z.boolean(),
  created: z.number().int().meta({ description: "Stripe's `created`, unix seconds" }),
  source: z.string().meta({ description: '`webhook`, `webhook_thin` (a thin event: only its id, type and object reference came, and the object was fetched from Stripe when it arrived), `poll` (read from the Events API), or `recovery` (read back from the Events API after its delivery failed)' }),
  received_at: time,
  object: z.string().nullable().meta({ description: 'The id of the object the event is about (`data.object.id`)' }),
  customer: z.string().nullable().meta({ description: "That object's customer (`data.object.customer`)" }),
  charge: z.string().nullable().meta({ description: 'The charge that object belongs to (`data.object.charge`), as for a refund, a dispute or an early fraud warning' }),
  payment_intent: z.string().nullable().meta({ description: 'The payment intent that object belongs to (`data.object.payment_intent`), as for a charge or a dispute' }),
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

export const eventReplayBody = z.strictObject({
  force: z.boolean().default(false).meta({
    description: 'Start a run even for workflows this event already started: a new intent, with a new run (and so new idempotency keys); the earlier runs stay as they are',
  }),
});

export const replayOutcomeSchema = z.discriminatedUnion('result', [
  z.object({ workflow: z.string(), workflow_title: workflowTitle, result: z.literal('started'), run: z.string(), generation: z.number().int().min(1).meta({ description: "This replay's generation for the workflow" }) }),
  z.object({ workflow: z.string(), workflow_title: workflowTitle, result: z.literal('already_ran'), runs: z.array(z.string()).meta({ description: 'The runs the event started before, oldest first; replay with `force` to start another' }) }),
  z.object({
    workflow: z.string(),
    workflow_title: workflowTitle,
    result: z.literal('not_started'),
    reason: z.string().meta({ description: 'Why the workflow does not start now: `condition_false`, `workflow_inactive`, `account_mismatch: ...`, `condition_error: ...`' }),
  }),
]);

export const eventReplayResponseSchema = z.object({
  event: z.string(),
  results: z.array(replayOutcomeSchema).meta({ description: 'Each workflow listening to the event type now: what the replay did for it' }),
});

export type ReplayOutcomeBody = z.output<typeof replayOutcomeSchema>;
