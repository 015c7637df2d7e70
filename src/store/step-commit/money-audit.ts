/**
 * The audit entry of a money-moving call, appended in the commit of the step
 * that made it: the run is the actor, with its workflow and version, the
 * approvals behind it (each approved decision on the run's approval tasks:
 * who, on behalf of whom, when, at which step) and the catalog request it serves.
 * Only a money call's commit comes here: other step commits write no audit.
 */
import type { AuditAction } from '../../core/audit-entry.ts';
import { appendAuditEntries } from '../audit-append.ts';
import type { MoneyCall } from '../money-call.ts';
import type { CommitContext, LockedRun } from './commit-context.ts';

const ACTION_OF: Record<MoneyCall['outcome'], AuditAction> = { moved: 'money.moved', refused: 'money.refused', unknown: 'money.outcome_unknown' };

export async function appendMoneyAudit({ trx, database }: CommitContext, input: { run: LockedRun; stepPath: string; money: MoneyCall; at: Date }): Promise<void> {
  const { run, money } = input;
  const approvals = await trx
    .selectFrom('approval_decisions')
    .innerJoin('approval_tasks', 'approval_tasks.id', 'approval_decisions.task_id')
    .select(['approval_decisions.user_email', 'approval_decisions.on_behalf_of', 'approval_decisions.decided_at', 'approval_tasks.step_path', 'approval_tasks.id'])
    .where('approval_tasks.run_id', '=', run.id)
    .where('approval_tasks.status', '=', 'approved')
    .where('approval_decisions.decision', '=', 'approved')
    .orderBy('approval_decisions.decided_at')
    .execute();
  const request = run.request_id === null ? undefined : await trx.selectFrom('requests').select(['service_id', 'offering_id']).where('id', '=', run.request_id).executeTakeFirst();
  await appendAuditEntries(trx, database.capabilities, [
    {
      actor: { type: 'run', id: run.id },
      action: ACTION_OF[money.outcome],
      target: { type: 'money', id: money.objectId ?? money.idempotencyKey },
      serviceId: request?.service_id ?? null,
      offeringId: request?.offering_id ?? null,
      detail: {
        workflow: run.workflow_id,
        version: run.version,
        step: input.stepPath,
        operation: money.operation,
        object: money.objectId,
        amount: money.amount,
        currency: money.currency,
        charge: money.charge,
        payment_intent: money.paymentIntent,
        invoice: money.invoice,
        idempotency_key: money.idempotencyKey,
        error_code: money.errorCode,
        approvals: approvals.map((row) => ({ by: row.user_email, on_behalf_of: row.on_behalf_of, at: new Date(Number(row.decided_at)).toISOString(), step: row.step_path, task: row.id })),
        request: run.request_id,
      },
      at: input.at,
    },
  ]);
}
