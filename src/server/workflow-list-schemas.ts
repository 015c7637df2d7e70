/** The workflows list's answer: each workflow with its trigger, newest run, recent failures and next scheduled run. */
import { z } from 'zod';
import { RunStatus } from '../core/statuses.ts';
import { workflowSummarySchema } from './response-schemas.ts';

const time = z.iso.datetime();

export const workflowTriggerSummarySchema = z
  .object({
    type: z.enum(['event', 'schedule', 'manual', 'form', 'webhook']),
    events: z.array(z.string()).optional().meta({ description: 'For `event`: the Stripe event types it listens to' }),
    when: z.string().optional().meta({ description: 'For `event` and `webhook`: the condition a delivery must meet' }),
    signed: z.boolean().optional().meta({ description: 'For `webhook`: whether a delivery must be signed (the trigger has a `secret`, itself never answered)' }),
    path: z.string().optional().meta({ description: 'For `webhook`: the path deliveries are POSTed to, `/webhooks/workflows/<id>`' }),
    url: z
      .string()
      .nullable()
      .optional()
      .meta({ description: "For `webhook`: the whole inbound URL on the server's public URL (TOLLGATE_PUBLIC_URL), to give the sending system; null when that is not set" }),
    cron: z.string().optional().meta({ description: 'For `schedule`: the cron expression' }),
    timezone: z.string().optional().meta({ description: 'For `schedule`: the time zone the cron expression is read in' }),
  })
  .meta({ description: 'What starts the workflow (its active version, else newest version, else draft); secrets left out' });

export const workflowLastRunSchema = z.object({
  id: z.string(),
  status: z.enum(RunStatus),
  created_at: time,
  finished_at: time.nullable(),
});

export const workflowListItemSchema = workflowSummarySchema.extend({
  trigger: workflowTriggerSummarySchema.nullable(),
  last_run: workflowLastRunSchema.nullable().meta({ description: 'The newest run, or null when it never ran' }),
  failures_24h: z.number().int().meta({ description: 'Runs that ended failed in the last 24 hours' }),
  next_run_at: time.nullable().meta({
    description: 'For an active workflow with a schedule trigger: when its schedule fires next (the tick the engine keeps, by the cron and time zone). A time already past is due: a worker fires it within a second or so. Null for any other workflow',
  }),
});

export const workflowListPageSchema = z.object({ workflows: z.array(workflowListItemSchema).meta({ description: 'Every workflow, by id' }) });

export type WorkflowListItemBody = z.output<typeof workflowListItemSchema>;
