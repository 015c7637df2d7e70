/** Request and response schemas of the webhook inbox routes. */
import { z } from 'zod';
import { DEFAULT_INBOX_PAGE, MAX_INBOX_PAGE } from '../application/webhook-inbox-messages.ts';

export const webhookInboxParams = z.strictObject({ id: z.string().min(1).meta({ description: 'A webhook inbox message id, e.g. `hook_0abc...`' }) });

export const webhookInboxListQuery = z.strictObject({
  run: z.string().min(1).optional().meta({ description: "Only this run's messages" }),
  limit: z.coerce.number().int().min(1).max(MAX_INBOX_PAGE).default(DEFAULT_INBOX_PAGE).meta({ description: `Messages per page, 1 to ${MAX_INBOX_PAGE}` }),
  cursor: z.string().min(1).optional().meta({ description: 'The `next_cursor` of the previous page' }),
});

export const webhookInboxMessageSchema = z.object({
  id: z.string(),
  webhook_id: z.string().meta({ description: "The step's idempotency key, sent as `webhook-id` once the connector has a URL" }),
  connector: z.string().meta({ description: 'The webhook connector the step used' }),
  run: z.string().nullable(),
  workflow: z.string().nullable().meta({ description: 'The workflow of the run that kept it (an id); null without a run, or when the run is gone' }),
  workflow_title: z.string().nullable().meta({ description: "That workflow's title now (`workflow` is its id); null with `workflow`" }),
  step_path: z.string().nullable(),
  path: z.string().nullable().meta({ description: "The step's `with.url` (a path under the connector's URL), if it gave one" }),
  headers: z.record(z.string(), z.string()).meta({ description: 'Headers the message would carry, besides the signature' }),
  body: z.unknown().meta({ description: 'The JSON payload' }),
  reason: z.string().meta({ description: 'Why it was kept here, e.g. `NOTIFY_WEBHOOK_URL is not set`' }),
  created_at: z.iso.datetime(),
});

export const webhookInboxMessageDetailSchema = webhookInboxMessageSchema.extend({
  workflow_version: z.number().int().nullable().meta({ description: 'The workflow version of the run that kept it, whose step titles name `step_path`; null without a run, or when the run is gone' }),
});

export const webhookInboxListResponseSchema = z.object({
  messages: z.array(webhookInboxMessageSchema).meta({ description: 'Newest first' }),
  next_cursor: z.string().nullable(),
});
export const webhookInboxMessageResponseSchema = z.object({ message: webhookInboxMessageDetailSchema });

export type WebhookInboxMessageBody = z.output<typeof webhookInboxMessageSchema>;
export type WebhookInboxMessageDetailBody = z.output<typeof webhookInboxMessageDetailSchema>;
