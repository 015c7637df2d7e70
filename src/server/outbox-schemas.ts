/** Request and response schemas of the outbox and email preview routes. */
import { z } from 'zod';
import { DEFAULT_OUTBOX_PAGE, MAX_OUTBOX_PAGE } from '../application/outbox-messages.ts';

const time = z.iso.datetime();

export const outboxParams = z.strictObject({ id: z.string().min(1).meta({ description: 'An outbox message id, e.g. `mail_0abc...`' }) });

export const outboxListQuery = z.strictObject({
  run: z.string().min(1).optional().meta({ description: "Only this run's messages" }),
  status: z.enum(['sending', 'sent', 'failed']).optional().meta({ description: 'Only messages of this status: `sending` is not delivered yet (SMTP), `failed` refused or given up' }),
  limit: z.coerce.number().int().min(1).max(MAX_OUTBOX_PAGE).default(DEFAULT_OUTBOX_PAGE).meta({ description: `Messages per page, 1 to ${MAX_OUTBOX_PAGE}` }),
  cursor: z.string().min(1).optional().meta({ description: 'The `next_cursor` of the previous page' }),
});

export const emailPreviewParams = z.strictObject({
  id: z.string().min(1).max(200).meta({ description: 'A workflow id' }),
  step: z.string().min(1).max(200).meta({ description: 'The id of an `email.send` action step' }),
});

export const emailPreviewBody = z
  .strictObject({
    sample: z.record(z.string(), z.unknown()).default({}).meta({ description: 'Variables as a run would have them, e.g. `{"event": {...}, "object": {...}}` or form values' }),
    version: z.number().int().min(1).optional().meta({ description: 'Preview this published version; default the draft' }),
  })
  .meta({ description: 'Sample variables to render an email step with' });

export const outboxMessageSummarySchema = z.object({
  id: z.string(),
  message_id: z.string().meta({ description: 'The Message-ID header, derived from the step idempotency key' }),
  run: z.string().nullable(),
  step_path: z.string().nullable(),
  transport: z.enum(['outbox', 'smtp']).meta({ description: '`outbox`: kept here (no smtp connector); `smtp`: sent through the smtp connector' }),
  status: z.enum(['sending', 'sent', 'failed']),
  from: z.string(),
  to: z.array(z.string()),
  cc: z.array(z.string()),
  reply_to: z.string().nullable(),
  subject: z.string(),
  error: z.string().nullable().meta({ description: 'Why the last try failed (or why it was given up)' }),
  attempts: z.number().int().meta({ description: 'Failed tries of a message tried again later (an approval email the mail server could not take)' }),
  next_attempt_at: time.nullable().meta({ description: 'When it is tried next; null when no try is planned' }),
  created_at: time,
  sent_at: time.nullable(),
});
/** A message as the outbox lists it: with the workflow of its run, so people see which workflow sent it. */
export const outboxListItemSchema = outboxMessageSummarySchema.extend({
  workflow: z.string().nullable().meta({ description: 'The workflow of the run that sent it (an id); null without a run, or when the run is gone' }),
  workflow_title: z.string().nullable().meta({ description: "That workflow's title now (`workflow` is its id); null with `workflow`" }),
});
export const outboxMessageSchema = outboxListItemSchema.extend({
  workflow_version: z.number().int().nullable().meta({ description: 'The workflow version of the run that sent it, whose step titles name `step_path`; null without a run, or when the run is gone' }),
  text: z.string(),
  html: z.string(),
});

export const outboxListResponseSchema = z.object({
  messages: z.array(outboxListItemSchema).meta({ description: 'Newest first, without their bodies' }),
  next_cursor: z.string().nullable(),
});
export const outboxMessageResponseSchema = z.object({ message: outboxMessageSchema });

export const emailPreviewResponseSchema = z.object({
  to: z.array(z.string()).meta({ description: 'Recipients, teams expanded to their members' }),
  cc: z.array(z.string()),
  reply_to: z.string().nullable(),
  subject: z.string(),
  text: z.string(),
  html: z.string(),
});

export type OutboxMessageSummaryBody = z.output<typeof outboxMessageSummarySchema>;
export type OutboxListItemBody = z.output<typeof outboxListItemSchema>;
export type OutboxMessageBody = z.output<typeof outboxMessageSchema>;
export type EmailPreviewBody = z.output<typeof emailPreviewResponseSchema>;
