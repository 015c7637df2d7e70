/** Schemas of the inbound webhook trigger route. */
import { z } from 'zod';

export const webhookTriggerParams = z.strictObject({ workflowId: z.string().min(1).max(200).meta({ description: 'The id of a workflow with a webhook trigger' }) });

export const webhookPayloadSchema = z.unknown().meta({
  description: 'Any JSON. Signed, when the trigger has a `secret`, with `X-Tollgate-Signature: sha256=<hex HMAC-SHA256 of the raw body>`',
});

export const webhookTriggerResponseSchema = z.object({
  run_id: z.string().nullable().meta({ description: 'The run started (202), or null when the trigger condition was false (200)' }),
  reason: z.string().optional().meta({ description: 'Why no run started: `condition_false`, or `condition_error: ...`' }),
});

export type WebhookTriggerResponseBody = z.output<typeof webhookTriggerResponseSchema>;
