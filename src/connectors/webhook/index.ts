/** Outbound webhooks: `webhook.post`, signed per Standard Webhooks. */
export { webhookPostOperation, type WebhookPostOutput } from './webhook-post-operation.ts';
export { signWebhook, webhookSigningKey } from './webhook-signature.ts';
