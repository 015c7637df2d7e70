/** The outbox: every email `email.send` recorded (the built-in mailer's messages and SMTP deliveries). */
import { InvalidInputError, NotFoundError } from '../core/errors.ts';
import type { OutboxPage, OutboxRecord, OutboxStatus } from '../store/outbox-store.ts';
import type { AppContext } from './app-context.ts';
import { workflowTitles } from './workflow-titles.ts';

export const MAX_OUTBOX_PAGE = 500;
export const DEFAULT_OUTBOX_PAGE = 50;

/** Newest first, one page at a time, optionally one run's messages, or those of one status (`sending`: not delivered yet). */
export async function listOutbox(app: AppContext, filter: { limit?: number; cursor?: string; runId?: string; status?: OutboxStatus }): Promise<OutboxPage> {
  const limit = checkPageLimit(filter.limit ?? DEFAULT_OUTBOX_PAGE, MAX_OUTBOX_PAGE);
  return app.outbox.list({
    limit,
    ...(filter.cursor === undefined ? {} : { cursor: filter.cursor }),
    ...(filter.runId === undefined ? {} : { runId: filter.runId }),
    ...(filter.status === undefined ? {} : { status: filter.status }),
  });
}

/** @throws InvalidInputError `request_invalid` unless `limit` is a whole number from 1 to `max`. */
export function checkPageLimit(limit: number, max: number): number {
  if (!Number.isInteger(limit) || limit < 1 || limit > max) {
    throw new InvalidInputError('request_invalid', `limit ${limit} is out of range; give a whole number from 1 to ${max}`, [], { path: 'limit' });
  }
  return limit;
}

/**
 * The workflow and version of the run that sent a message, so its step is named by the step's title and the workflow
 * by its title now; null without a run, or when the run is gone.
 */
export interface MessageRun {
  workflowId: string;
  workflowTitle: string;
  version: number;
}

/** The workflow and version of the run that sent or kept a message (the outbox, the webhook inbox); null without a run, or when the run is gone. */
export async function messageRun(app: AppContext, message: { runId: string | null }): Promise<MessageRun | null> {
  const run = message.runId === null ? undefined : await app.engine.store.getRun(message.runId);
  if (run === undefined) return null;
  const title = await workflowTitles(app, [run.workflowId]);
  return { workflowId: run.workflowId, workflowTitle: title(run.workflowId), version: run.version };
}

/** @throws NotFoundError `message_not_found` */
export async function outboxMessage(app: AppContext, id: string): Promise<{ message: OutboxRecord; run: MessageRun | null }> {
  const message = await app.outbox.get(id);
  if (!message) throw new NotFoundError('message_not_found', `no outbox message "${id}"; list them with GET /api/v1/outbox or \`tollgate outbox list\``, { path: 'message' });
  return { message, run: await messageRun(app, message) };
}
