import { messageIdFor, retryDelayAfter, type MailRetryLog } from '../connectors/email/index.ts';
import type { Clock } from '../core/clock.ts';
import { isTransient } from '../core/errors.ts';
import type { Logger } from '../core/logger.ts';
import type { ApprovalTaskRecord } from '../store/approval-records.ts';
import type { ConnectorResolver, OperationRegistry } from '../engine/operation.ts';
import type { ApprovalNotifier } from './approval-gateway.ts';

/**
 * Emails the approvers of a task that waits for them, through the same
 * `email.send` operation steps use (SMTP, or the outbox), with an idempotency
 * key so a re-run of the approval step does not email twice. It never fails
 * the step: the task is open either way. A message the mail server could not
 * take now is tried again later (mail-retry.ts); any other failure is logged.
 */
export function emailApprovalNotifier(options: {
  operations: OperationRegistry;
  connectors: ConnectorResolver;
  clock: Clock;
  logger: Logger;
  mailLog: Pick<MailRetryLog, 'retryLater'>;
  /** Where people open the web app (TOLLGATE_PUBLIC_URL, else where this process serves it); undefined: no link. */
  webUrl?: () => string | undefined;
}): ApprovalNotifier {
  return async (task: ApprovalTaskRecord, idempotencyKey: string, reminder?: number) => {
    const email = options.operations.get('email.send');
    if (!email || task.approvers.length === 0) {
      options.logger.warn({ task: task.id }, 'approval task has nobody to notify');
      return;
    }
    const webUrl = options.webUrl?.();
    const open = webUrl === undefined ? '' : `\n\nOpen it: ${webUrl.replace(/\/+$/, '')}/approvals/${encodeURIComponent(task.id)}`;
    const mail = {
      to: task.approvers,
      subject: `${reminder === undefined ? '' : 'Reminder: '}Approval needed: ${task.title}${task.leadsTo ? ` (${task.leadsTo.summary})` : ''}`,
      body: `A ${task.workflowId} run is ${reminder === undefined ? '' : `still, since ${task.createdAt.toISOString()}, `}waiting for your decision${task.assigneeTeam ? ` (team ${task.assigneeTeam})` : ''}.${task.leadsTo ? `\n\nApproving leads to: ${task.leadsTo.summary}.` : ''}${open}\n\n${open === '' ? 'Decide' : 'Or decide'} with: tollgate approvals decide ${task.id} approve|reject --comment "..."`,
      fields: [
        ...(task.leadsTo ? [{ label: 'Approving leads to', value: task.leadsTo.summary }] : []),
        { label: 'Task', value: task.id },
        { label: 'Workflow', value: task.workflowId },
        { label: 'Run', value: task.runId },
        ...(task.requester ? [{ label: 'Requested by', value: task.requester }] : []),
        ...(task.dueAt ? [{ label: 'Due', value: task.dueAt.toISOString() }] : []),
      ],
    };
    try {
      const connector = await options.connectors.resolve({ type: 'smtp', name: undefined, optional: true });
      await email.execute(mail, { idempotencyKey, connector, signal: AbortSignal.timeout(30_000), runId: task.runId, stepPath: task.stepPath, clock: options.clock });
    } catch (error) {
      await retryOrLog(options, { task, idempotencyKey, error });
    }
  };
}

async function retryOrLog(options: { mailLog: Pick<MailRetryLog, 'retryLater'>; clock: Clock; logger: Logger }, failure: { task: ApprovalTaskRecord; idempotencyKey: string; error: unknown }): Promise<void> {
  const { task, error } = failure;
  const unsent = (err: unknown) => options.logger.error({ task: task.id, err }, 'the approvers of a task could not be emailed; the task is open in the inbox');
  if (!isTransient(error)) return unsent(error);
  // The first failed try: the retry loop (mail-retry.ts) takes it from here on its schedule.
  const at = new Date(options.clock.now().getTime() + retryDelayAfter(1));
  try {
    await options.mailLog.retryLater(messageIdFor(failure.idempotencyKey), at, error.message);
    options.logger.warn({ task: task.id, err: error, retryAt: at.toISOString() }, 'the approvers of a task could not be emailed now: tried again later');
  } catch (failed) {
    unsent(failed);
  }
}
