/** Webhook inbox messages to response bodies. */
import type { InboxMessageRecord } from '../store/webhook-inbox-store.ts';
import type { WebhookInboxMessageBody } from './webhook-inbox-schemas.ts';

/** A kept message, with the workflow of its run (`workflows`: by run id, from workflowsOfRuns). */
export function serializeInboxMessage(message: InboxMessageRecord, workflows: ReadonlyMap<string, string>): WebhookInboxMessageBody {
  return {
    id: message.id,
    webhook_id: message.webhookId,
    connector: message.connectorId,
    run: message.runId,
    workflow: message.runId === null ? null : (workflows.get(message.runId) ?? null),
    step_path: message.stepPath,
    path: message.path,
    headers: message.headers,
    body: message.body,
    reason: message.reason,
    created_at: message.createdAt.toISOString(),
  };
}
