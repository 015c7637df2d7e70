/** Request and response schemas of the sandbox routes ("send test event"). */
import { z } from 'zod';

export const sandboxStatusSchema = z.object({
  running: z.boolean().meta({ description: 'True when Tollgate talks to its built-in Stripe sandbox; false against real Stripe' }),
  url: z.string().nullable().meta({ description: 'Where the sandbox listens, when it runs' }),
  event_types: z.array(z.string()).meta({ description: 'The event types a test event can have; empty when the sandbox is off' }),
});
export const sandboxStatusResponseSchema = z.object({ sandbox: sandboxStatusSchema });

export const sendTestEventBody = z
  .strictObject({
    type: z.string().min(1).max(100).meta({ description: 'The event type, one of `event_types` of GET /api/v1/sandbox, e.g. `payment_intent.succeeded`' }),
    amount: z.number().int().min(1).max(99_999_999).meta({ description: 'In minor units: 150000 is 1,500.00 USD' }),
    currency: z.string().min(3).max(3).meta({ description: 'A three-letter currency code, e.g. `usd`' }),
    customer: z.string().min(1).max(100).optional().meta({ description: 'An existing sandbox customer id (`cus_...`); by default a new customer is created' }),
  })
  .meta({ description: 'A test event to send through the Stripe sandbox' });

export const sentTestEventSchema = z.object({
  id: z.string().meta({ description: 'The Stripe event id (`evt_...`); it appears under GET /api/v1/events/{id} once delivered' }),
  type: z.string(),
  created: z.number().int().meta({ description: "Stripe's `created`, unix seconds" }),
});
export const sendTestEventResponseSchema = z.object({ event: sentTestEventSchema });
