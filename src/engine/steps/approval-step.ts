import { parseDuration } from '../../core/duration.ts';
import { FaultPoint } from '../../core/fault-points.ts';
import { PermanentError } from '../../core/errors.ts';
import { titleOf } from '../../core/id-from-title.ts';
import type { ApprovalStep } from '../../definition/schema.ts';
import { ApprovalStatus } from '../../core/statuses.ts';
import type { ApprovalOutcome, ApprovalTaskRecord } from '../../store/approval-records.ts';
import { approvalNotifyKey, approvalReminderKey, approvalTaskId } from '../approval-task-keys.ts';
import { approvalLeadsTo } from './approval-leads-to.ts';
import { renderApprovalStake } from './approval-stake.ts';
import { siblingPath, type StepLocation } from '../step-graph.ts';
import type { StepOutcome } from '../step-outcome.ts';
import type { StepHandler, StepInvocation } from './step-handler.ts';

/** `on_timeout: reject` auto-rejects; `on_timeout: escalate:TEAM` hands the task to another team; anything else is a step id. */
const ESCALATE = /^escalate:(.+)$/;

/**
 * Opens an approval task for a team or users and parks the run: nothing stays
 * in memory. A decision (or the timeout, as a due row) wakes the step, which
 * goes on to `on.approved` / `on.rejected` with `{decision, comment, by, at}`.
 */
export const runApprovalStep: StepHandler<ApprovalStep> = async (invocation) => {
  const { step, path, visit, run, engine, now, variables } = invocation;
  const gateway = engine.approvals;
  if (!gateway) throw new PermanentError('approvals_unavailable', `${path}: approvals are not configured in this process`);
  const taskId = approvalTaskId({ runId: run.id, stepPath: path, visit, retryGeneration: run.retryGeneration });
  let task = await gateway.get(taskId);
  if (!task) {
    const requester = run.requestId ? await gateway.requester(run.requestId) : null;
    const approvers = 'team' in step.assignee ? await gateway.teamMembers(step.assignee.team) : step.assignee.users.map((user) => user.toLowerCase());
    if (!approvers) throw new PermanentError('team_not_found', `${path}.assignee.team: no team "${'team' in step.assignee ? step.assignee.team : ''}"; apply a Team document first`);
    const stake = await renderApprovalStake(step, { path, variables, timeoutMs: engine.expressionTimeoutMs });
    const leadsTo = await approvalLeadsTo(invocation, taskId);
    const opened = await gateway.open({
      id: taskId,
      runId: run.id,
      stepPath: path,
      visit,
      workflowId: run.workflowId,
      title: titleOf(step),
      assigneeTeam: 'team' in step.assignee ? step.assignee.team : null,
      approvers: approvers.filter((email) => email !== requester),
      quorum: step.quorum,
      requireCommentOnReject: step.require_comment_on_reject,
      form: step.form ?? null,
      requestId: run.requestId,
      requester,
      dueAt: step.timeout === undefined ? null : new Date(now.getTime() + parseDuration(step.timeout, `${path}.timeout`)),
      createdAt: now,
      stake,
      leadsTo,
    });
    task = opened.task;
  }
  if (task.status === ApprovalStatus.pending && task.dueAt !== null && task.dueAt.getTime() <= now.getTime()) {
    task = await onTimeout(invocation, task);
  } else if (task.status === ApprovalStatus.pending) {
    // Also when the task was opened by an attempt that died before it told anyone: the key sends it once.
    engine.faults?.hit(FaultPoint.approvalNotify, path);
    await gateway.notify(task, notifyKey(invocation, task));
  }
  if (task.status === ApprovalStatus.pending) {
    const input = { task: task.id, assignee: step.assignee, approvers: task.approvers, quorum: step.quorum };
    const nextReminder = await remind(invocation, task);
    const wakeAt = [task.dueAt, nextReminder].filter((at): at is Date => at !== null).sort((a, b) => a.getTime() - b.getTime())[0];
    return wakeAt === undefined ? { kind: 'park', input } : { kind: 'sleep', input, until: wakeAt };
  }
  return decided(step, invocation.location, task);
};

async function onTimeout(invocation: StepInvocation<ApprovalStep>, task: ApprovalTaskRecord): Promise<ApprovalTaskRecord> {
  const { step, path, engine, now } = invocation;
  const gateway = engine.approvals!;
  const action = step.on_timeout ?? 'reject';
  const escalation = ESCALATE.exec(action);
  if (escalation?.[1]) {
    const team = escalation[1];
    const members = await gateway.teamMembers(team);
    if (!members) throw new PermanentError('team_not_found', `${path}.on_timeout: no team "${team}" to escalate to`);
    const reassigned = await gateway.reassign(task.id, { team, approvers: members.filter((email) => email !== task.requester), dueAt: null });
    await gateway.notify(reassigned, notifyKey(invocation, reassigned));
    return reassigned;
  }
  const at = now.toISOString();
  const outcome: ApprovalOutcome =
    action === 'reject'
      ? { decision: 'rejected', comment: `No decision within ${step.timeout}: rejected automatically`, by: null, at }
      : { decision: 'timed_out', comment: `No decision within ${step.timeout}`, by: null, at };
  return gateway.settle(task.id, outcome, action === 'reject' ? ApprovalStatus.rejected : ApprovalStatus.timedOut);
}

/**
 * With `remind_every`: sends the reminder that is due (the nth after the task
 * opened, once by its key; after downtime only the latest), and answers when
 * the next one is; null without reminders.
 */
async function remind(invocation: StepInvocation<ApprovalStep>, task: ApprovalTaskRecord): Promise<Date | null> {
  const { step, path, engine, now } = invocation;
  if (step.remind_every === undefined) return null;
  const every = parseDuration(step.remind_every, `${path}.remind_every`);
  const due = Math.floor((now.getTime() - task.createdAt.getTime()) / every);
  if (due >= 1) await engine.approvals!.notify(task, approvalReminderKey(notifyKey(invocation, task), due), due);
  return new Date(task.createdAt.getTime() + (due + 1) * every);
}

/** The key of the email telling the task's approvers that it waits (approval-task-keys.ts). */
function notifyKey({ step, run }: StepInvocation<ApprovalStep>, task: ApprovalTaskRecord): string {
  // An escalation hands the task on with no due time left (onTimeout), also to the same team.
  const escalated = step.timeout !== undefined && ESCALATE.test(step.on_timeout ?? '') && task.dueAt === null;
  return approvalNotifyKey(task, { retryGeneration: run.retryGeneration, escalated });
}

function decided(step: ApprovalStep, location: StepLocation, task: ApprovalTaskRecord): StepOutcome {
  const outcome = task.outcome ?? { decision: 'rejected', comment: null, by: null, at: new Date(0).toISOString() };
  let target: string | undefined;
  if (outcome.decision === 'approved') target = step.on?.approved;
  else if (outcome.decision === 'rejected') target = step.on?.rejected;
  else target = step.on_timeout;
  const output = { ...outcome, task: task.id };
  return { kind: 'continue', output, ...(target === undefined ? {} : { next: siblingPath(location, target) }) };
}
