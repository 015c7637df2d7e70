/** Webhook inbox messages to response bodies. */
import type { MessageRun } from '../application/outbox-messages.ts';
import type { RunWorkflow } from '../application/workflows-of-runs.ts';
import type { InboxMessageRecord } from '../store/webhook-inbox-store.ts';
import type { WebhookInboxMessageBody, WebhookInboxMessageDetailBody } from './webhook-inbox-schemas.ts';

/** A kept message in a list, with the workflow of its run (`workflows`: by run id, from workflowsOfRuns). */
export function serializeInboxMessage(message: InboxMessageRecord, workflows: ReadonlyMap<string, RunWorkflow>): WebhookInboxMessageBody {
  return inboxMessageBody(message, (message.runId === null ? undefined : workflows.get(message.runId)) ?? null);
}

/** One kept message, with the workflow and version of its run (`run`: null without one, or when it is gone). */
export function serializeInboxMessageDetail(message: InboxMessageRecord, run: MessageRun | null): WebhookInboxMessageDetailBody {
  return { ...inboxMessageBody(message, run === null ? null : { id: run.workflowId, title: run.workflowTitle }), workflow_version: run?.version ?? null };
}

function inboxMessageBody(message: InboxMessageRecord, workflow: RunWorkflow | null): WebhookInboxMessageBody {
  return {
    id: message.id,
    webhook_id: message.webhookId,
    connector: message.connectorId,
    run: message.runId,
    workflow: workflow?.id ?? null,
    workflow_title: workflow?.title ?? null,
    step_path: message.stepPath,
    path: message.path,
    headers: message.headers,
    body: message.body,
    reason: message.reason,
    created_at: message.createdAt.toISOString(),
  };
}
