/** Outbound webhooks: `webhook.post`, signed per Standard Webhooks, or kept in the local inbox when no URL is configured. */
export { createWebhookPostOperation, webhookPostSpec, type WebhookInboxOutput, type WebhookPostOutput } from './webhook-post-operation.ts';
export type { NewInboxMessage, WebhookInbox } from './webhook-inbox.ts';
export { signWebhook, webhookSigningKey } from './webhook-signature.ts';
