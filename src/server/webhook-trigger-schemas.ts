/** Schemas of the inbound webhook trigger route. */
import { z } from 'zod';

export const webhookTriggerParams = z.strictObject({ workflowId: z.string().min(1).max(200).meta({ description: 'The id of a workflow with a webhook trigger' }) });

export const webhookPayloadSchema = z.unknown().meta({
  description: 'Any JSON. Signed, when the trigger has a `secret`, with `X-Tollgate-Signature: t=<unix seconds>,sha256=<hex HMAC-SHA256 of "<t>.<raw body>">`',
});

export const webhookTriggerResponseSchema = z.object({
  run_id: z.string().nullable().meta({ description: 'The run started (202); with status 200, the run of the first delivery of a `duplicate`, else null' }),
  reason: z.string().optional().meta({ description: 'Why no run started: `condition_false`, `condition_error: ...`, or `duplicate` (this signed delivery was taken before)' }),
});

export type WebhookTriggerResponseBody = z.output<typeof webhookTriggerResponseSchema>;
