/** The webhook inbox: messages webhook.post kept because their connector has no URL configured. */
import { NotFoundError } from '../core/errors.ts';
import type { InboxMessageRecord, InboxPage } from '../store/webhook-inbox-store.ts';
import type { AppContext } from './app-context.ts';
import { DEFAULT_OUTBOX_PAGE, MAX_OUTBOX_PAGE, checkPageLimit, messageRun, type MessageRun } from './outbox-messages.ts';

export const MAX_INBOX_PAGE = MAX_OUTBOX_PAGE;
export const DEFAULT_INBOX_PAGE = DEFAULT_OUTBOX_PAGE;

/** Newest first, one page at a time, optionally one run's messages. */
export async function listWebhookInbox(app: AppContext, filter: { limit?: number; cursor?: string; runId?: string }): Promise<InboxPage> {
  const limit = checkPageLimit(filter.limit ?? DEFAULT_INBOX_PAGE, MAX_INBOX_PAGE);
  return app.webhookInbox.list({ limit, ...(filter.cursor === undefined ? {} : { cursor: filter.cursor }), ...(filter.runId === undefined ? {} : { runId: filter.runId }) });
}

/**
 * One kept message, with the workflow and version of the run that kept it, whose step titles name its step.
 * @throws NotFoundError `message_not_found`
 */
export async function webhookInboxMessage(app: AppContext, id: string): Promise<{ message: InboxMessageRecord; run: MessageRun | null }> {
  const message = await app.webhookInbox.get(id);
  if (!message) throw new NotFoundError('message_not_found', `no webhook inbox message "${id}"; list them with GET /api/v1/webhook-inbox or \`tollgate inbox list\``, { path: 'message' });
  return { message, run: await messageRun(app, message) };
}
