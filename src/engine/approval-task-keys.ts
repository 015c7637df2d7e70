import { createHash } from 'node:crypto';
import type { ApprovalTaskRecord } from '../store/approval-records.ts';
import { idempotencyKey } from './idempotency-key.ts';

interface StepVisit {
  runId: string;
  stepPath: string;
  visit: number;
  retryGeneration: number;
}

type NotifiedTask = Pick<ApprovalTaskRecord, 'id' | 'runId' | 'stepPath' | 'visit' | 'assigneeTeam'>;

/** The task an approval step opens: one for each visit of the step, in each retry generation of the run. */
export function approvalTaskId(input: StepVisit): string {
  return `apt_${createHash('sha256').update(`${input.runId}/${input.stepPath}/${input.visit}/${input.retryGeneration}`).digest('hex').slice(0, 24)}`;
}

/**
 * The idempotency key of the email telling a task's approvers that it waits:
 * one for the task, one more when it is escalated to a team (also to the
 * same team).
 */
export function approvalNotifyKey(task: NotifiedTask, input: { retryGeneration: number; escalated: boolean }): string {
  if (input.escalated && task.assigneeTeam !== null) return `${task.id}:escalated:${task.assigneeTeam}`;
  return `${idempotencyKey({ runId: task.runId, stepPath: task.stepPath, visit: task.visit, retryGeneration: input.retryGeneration })}:notify`;
}

/** The key of the email about a task that asks whether a money-moving call happened (money/outcome-check.ts). */
export function outcomeCheckNotifyKey(taskId: string): string {
  return `${taskId}:notify`;
}

/** The idempotency key of the nth reminder (1, 2, ...) of the email under `notifyKey` (approvalNotifyKey): `remind_every` sends them while the task waits. */
export function approvalReminderKey(notifyKey: string, reminder: number): string {
  return `${notifyKey}:reminder:${reminder}`;
}

/** What an email about an approval task told its approvers: that it waits (when it opened), that it still does (the nth reminder), or that it was handed to them (an escalation). */
export const ApprovalEmailKind = { opened: 'opened', reminder: 'reminder', escalated: 'escalated' } as const;
export type ApprovalEmailKind = (typeof ApprovalEmailKind)[keyof typeof ApprovalEmailKind];

/** The key an email about a task went out under, and what it told. */
export interface ApprovalEmailKey {
  key: string;
  kind: ApprovalEmailKind;
  /** Which reminder (1, 2, ...); null for the others. */
  reminder: number | null;
}

/**
 * The keys the emails about an approval step's task can have gone out under:
 * when it opened, each reminder (before and after an escalation), and the
 * escalation. `current` is its run's retry generation now; `remindEveryMs` the
 * step's `remind_every` (null without); `until` when the task stopped waiting
 * (its decision), or now. Undefined when no approval step of the run opened
 * `task` (an outcome check did: outcomeCheckNotifyKey).
 */
export function approvalEmailKeys(task: NotifiedTask & Pick<ApprovalTaskRecord, 'createdAt'>, input: { current: number; remindEveryMs: number | null; until: Date }): ApprovalEmailKey[] | undefined {
  const generation = Array.from({ length: input.current + 1 }, (_, index) => index).find((retryGeneration) => approvalTaskId({ ...task, retryGeneration }) === task.id);
  if (generation === undefined) return undefined;
  const opened = approvalNotifyKey(task, { retryGeneration: generation, escalated: false });
  const escalated = task.assigneeTeam === null ? undefined : approvalNotifyKey(task, { retryGeneration: generation, escalated: true });
  // A reminder is keyed by the email the approvers were last sent: before an escalation the first, after it the escalation's.
  const told = escalated === undefined ? [opened] : [opened, escalated];
  const reminders = input.remindEveryMs === null ? 0 : Math.max(0, Math.floor((input.until.getTime() - task.createdAt.getTime()) / input.remindEveryMs));
  return [
    { key: opened, kind: ApprovalEmailKind.opened, reminder: null },
    ...(escalated === undefined ? [] : [{ key: escalated, kind: ApprovalEmailKind.escalated, reminder: null }]),
    ...Array.from({ length: reminders }, (_, index) => told.map((key) => ({ key: approvalReminderKey(key, index + 1), kind: ApprovalEmailKind.reminder, reminder: index + 1 }))).flat(),
  ];
}
