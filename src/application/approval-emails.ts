/** The emails that told a task's approvers it waits: whether they went out, and when the next try comes. */
import { messageIdFor } from '../connectors/email/index.ts';
import { approvalNotifyKeys } from '../engine/approval-task-keys.ts';
import type { Caller } from '../identity/caller.ts';
import type { OutboxRecord } from '../store/outbox-store.ts';
import type { AppContext } from './app-context.ts';
import { requireReadableTask } from './approval-review.ts';

/**
 * The task's emails, oldest first: the one sent when it opened, and the one
 * sent when it was escalated. None when no email went out (no approvers).
 * @throws as requireReadableTask: `approval_not_found`, `not_your_approval`.
 */
export async function approvalEmails(app: AppContext, caller: Caller | undefined, id: string): Promise<OutboxRecord[]> {
  const task = await requireReadableTask(app, caller, id);
  const run = await app.engine.store.getRun(task.runId);
  const keys = approvalNotifyKeys(task, run?.retryGeneration ?? 0);
  return app.outbox.listByMessageIds(keys.map(messageIdFor));
}
