/** Webhook inbox messages to response bodies. */
import type { InboxMessageRecord } from '../store/webhook-inbox-store.ts';
import type { WebhookInboxMessageBody } from './webhook-inbox-schemas.ts';

export function serializeInboxMessage(message: InboxMessageRecord): WebhookInboxMessageBody {
  return {
    id: message.id,
    webhook_id: message.webhookId,
    connector: message.connectorId,
    run: message.runId,
    step_path: message.stepPath,
    path: message.path,
    headers: message.headers,
    body: message.body,
    reason: message.reason,
    created_at: message.createdAt.toISOString(),
  };
}
