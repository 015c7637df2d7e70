/** Outbox messages and email previews to response bodies. */
import type { MessageRun } from '../application/outbox-messages.ts';
import type { EmailPreview } from '../application/preview-email-step.ts';
import type { RunWorkflow } from '../application/workflows-of-runs.ts';
import type { OutboxRecord } from '../store/outbox-store.ts';
import type { EmailPreviewBody, OutboxListItemBody, OutboxMessageBody, OutboxMessageSummaryBody } from './outbox-schemas.ts';

export function serializeOutboxSummary(message: OutboxRecord): OutboxMessageSummaryBody {
  return {
    id: message.id,
    message_id: message.messageId,
    run: message.runId,
    step_path: message.stepPath,
    transport: message.transport,
    status: message.status,
    from: message.from,
    to: message.to,
    cc: message.cc,
    reply_to: message.replyTo,
    subject: message.subject,
    error: message.error,
    attempts: message.attempts,
    next_attempt_at: message.nextAttemptAt?.toISOString() ?? null,
    created_at: message.createdAt.toISOString(),
    sent_at: message.sentAt?.toISOString() ?? null,
  };
}

/** A listed message, with the workflow of its run (`workflows`: by run id, from workflowsOfRuns). */
export function serializeOutboxListItem(message: OutboxRecord, workflows: ReadonlyMap<string, RunWorkflow>): OutboxListItemBody {
  const workflow = message.runId === null ? undefined : workflows.get(message.runId);
  return { ...serializeOutboxSummary(message), workflow: workflow?.id ?? null, workflow_title: workflow?.title ?? null };
}

/** One message with its bodies, and the workflow and version of its run (`run`: null without one, or when it is gone). */
export function serializeOutboxMessage(message: OutboxRecord, run: MessageRun | null): OutboxMessageBody {
  return { ...serializeOutboxSummary(message), workflow: run?.workflowId ?? null, workflow_title: run?.workflowTitle ?? null, workflow_version: run?.version ?? null, text: message.text, html: message.html };
}

export function serializeEmailPreview(preview: EmailPreview): EmailPreviewBody {
  return { to: preview.to, cc: preview.cc, reply_to: preview.replyTo, subject: preview.subject, text: preview.text, html: preview.html };
}
