/** Request and response schemas of POST /api/v1/events/recover. */
import { z } from 'zod';
import { MAX_NAMED_EVENTS } from '../triggers/stripe-event-recovery.ts';

/** Connected accounts one recovery reads at most: each is its own walk through Stripe's Events API. */
export const MAX_RECOVERY_ACCOUNTS = 20;

const instant = z.iso.datetime({ offset: true }).transform((text) => new Date(text));

export const eventRecoverBody = z.strictObject({
  connector: z.string().min(1).optional().meta({ description: 'The stripe connector whose events to read; may be left out when there is one' }),
  since: instant.meta({ description: "The window's start, by Stripe's `created` (ISO 8601), within the last 30 days: Stripe keeps events that long" }),
  until: instant.optional().meta({ description: "The window's end (ISO 8601); defaults to now" }),
  scope: z.enum(['undelivered', 'all']).default('undelivered').meta({
    description: '`undelivered`: the events Stripe has not delivered to every endpoint, pending or failed (`delivery_success=false`); `all`: every event of the window, as after the endpoint was disabled or deleted',
  }),
  preview: z.boolean().default(false).meta({ description: 'Only say which events are missing; take nothing in' }),
  accounts: z
    .array(z.string().regex(/^acct_[A-Za-z0-9]+$/, 'a connected account id such as acct_1Hc2'))
    .max(MAX_RECOVERY_ACCOUNTS)
    .refine((ids) => new Set(ids).size === ids.length, 'each account once')
    .default([])
    .meta({
      description: `Connected accounts whose events to read too, after the platform's own (Connect platforms; at most ${MAX_RECOVERY_ACCOUNTS}). Stripe lists an account's events only to a request made as that account. The sweep reads those Tollgate has had events from (the 50 seen last); name others here`,
    }),
});

export const eventRecoverResponseSchema = z.object({
  connector: z.string(),
  since: z.iso.datetime(),
  until: z.iso.datetime(),
  scope: z.enum(['undelivered', 'all']),
  preview: z.boolean(),
  accounts: z.array(z.string()).meta({ description: 'The connected accounts read besides the platform' }),
  listed: z.number().int().min(0).meta({ description: 'Events Stripe listed in the window' }),
  already_stored: z.number().int().min(0).meta({ description: 'Of those, the ones Tollgate held already' }),
  missing: z.number().int().min(0).meta({ description: 'The others: taken in (their runs started), or in a preview, what would be' }),
  events: z
    .array(
      z.object({
        id: z.string(),
        type: z.string(),
        account: z.string().nullable().meta({ description: 'The connected account it came from; null for the platform' }),
        created: z.number().int().meta({ description: "Stripe's `created`, unix seconds" }),
        runs: z.array(z.string()).meta({ description: 'The runs it started (none in a preview)' }),
      }),
    )
    .meta({ description: `The missing events, newest first; the first ${MAX_NAMED_EVENTS} when there are more (see \`missing\`)` }),
});
