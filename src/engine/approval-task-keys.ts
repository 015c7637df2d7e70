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

/** The keys the emails about `task` went out under (when it opened, and when it was escalated); its run is now in retry generation `current`. */
export function approvalNotifyKeys(task: NotifiedTask, current: number): string[] {
  const generation = Array.from({ length: current + 1 }, (_, index) => index).find((retryGeneration) => approvalTaskId({ ...task, retryGeneration }) === task.id);
  // Not an approval step's task: an outcome check's.
  if (generation === undefined) return [outcomeCheckNotifyKey(task.id)];
  const opened = approvalNotifyKey(task, { retryGeneration: generation, escalated: false });
  return task.assigneeTeam === null ? [opened] : [opened, approvalNotifyKey(task, { retryGeneration: generation, escalated: true })];
}
