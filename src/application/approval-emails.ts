/** The emails that told a task's approvers it waits: whether they went out, and when the next try comes. */
import { messageIdFor } from '../connectors/email/index.ts';
import { parseDuration } from '../core/duration.ts';
import { NotFoundError } from '../core/errors.ts';
import { ApprovalEmailKind, approvalEmailKeys, outcomeCheckNotifyKey, type ApprovalEmailKey } from '../engine/approval-task-keys.ts';
import { locateStep } from '../engine/step-graph.ts';
import type { Caller } from '../identity/caller.ts';
import type { ApprovalTaskRecord } from '../store/approval-records.ts';
import type { OutboxRecord } from '../store/outbox-store.ts';
import type { RunRecord } from '../store/records.ts';
import type { AppContext } from './app-context.ts';
import { requireReadableTask } from './approval-review.ts';

export { ApprovalEmailKind } from '../engine/approval-task-keys.ts';

/** One email about a task, and what it told the approvers. */
export interface ApprovalEmail extends Omit<ApprovalEmailKey, 'key'> {
  message: OutboxRecord;
}

/**
 * The task's emails, oldest first: the one sent when it opened, each reminder
 * (`remind_every`) and the one sent when it was escalated. None when no email
 * went out (no approvers).
 * @throws as requireReadableTask: `approval_not_found`, `not_your_approval`; `run_not_found`.
 */
export async function approvalEmails(app: AppContext, caller: Caller | undefined, id: string): Promise<ApprovalEmail[]> {
  const task = await requireReadableTask(app, caller, id);
  const run = await app.engine.store.getRun(task.runId);
  if (run === undefined) throw new NotFoundError('run_not_found', `the run ${task.runId} of approval task ${task.id} is gone`, { path: 'id' });
  const told = new Map((await emailKeysOf(app, task, run)).map(({ key, ...what }) => [messageIdFor(key), what]));
  const emails = (await app.outbox.listOfStep(run.id, task.stepPath)).flatMap((message) => {
    const what = told.get(message.messageId);
    return what === undefined ? [] : [{ ...what, message }];
  });
  // Emails of one moment (an escalation and the reminder due with it) in the order the step sends them.
  return emails.sort((a, b) => a.message.createdAt.getTime() - b.message.createdAt.getTime() || SENT_ORDER[a.kind] - SENT_ORDER[b.kind] || (a.reminder ?? 0) - (b.reminder ?? 0));
}

const SENT_ORDER: Record<ApprovalEmailKind, number> = { opened: 0, escalated: 1, reminder: 2 };

/**
 * The keys the task's emails can have gone out under, by what opened it: an
 * approval step (the step at its path), or a person asked whether a
 * money-moving action step's earlier call moved money (money/outcome-check.ts).
 */
async function emailKeysOf(app: AppContext, task: ApprovalTaskRecord, run: RunRecord): Promise<ApprovalEmailKey[]> {
  const { step } = locateStep((await app.engine.definitions.get(run.workflowId, run.version)).steps, task.stepPath);
  if (step.type === 'action') return [{ key: outcomeCheckNotifyKey(task.id), kind: ApprovalEmailKind.opened, reminder: null }];
  const keys =
    step.type === 'approval'
      ? approvalEmailKeys(task, {
          current: run.retryGeneration,
          remindEveryMs: step.remind_every === undefined ? null : parseDuration(step.remind_every, `${task.stepPath}.remind_every`),
          until: task.decidedAt ?? app.engine.clock.now(),
        })
      : undefined;
  // Neither opens tasks anywhere else: a task that fits neither is a fault to see, not a task without emails.
  if (keys === undefined) throw new Error(`approval task ${task.id} fits no ${step.type} step "${task.stepPath}" of run ${run.id} (visit ${task.visit}, retry generation up to ${run.retryGeneration})`);
  return keys;
}
