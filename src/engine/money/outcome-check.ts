/**
 * When Tollgate cannot tell whether an earlier money call moved money (its
 * idempotency key expired at Stripe and no refund carries the run's metadata,
 * or the look-up failed for good), a person checks in Stripe: the run waits on
 * a task for them instead of calling again. Approving names what Stripe shows
 * (the refund or credit note id): it is settled and the run goes on with it.
 * Rejecting says nothing moved: the reservation is released and the call is
 * made again, after a fresh pre-flight.
 */
import { createHash } from 'node:crypto';
import { PermanentError } from '../../core/errors.ts';
import { ApprovalStatus } from '../../core/statuses.ts';
import type { EffectivePolicy } from '../../definition/policy-schema.ts';
import { formatMoney } from '../../expression/money.ts';
import type { ApprovalTaskRecord } from '../../store/approval-records.ts';
import type { RefundReservation } from '../../store/refund-ledger-records.ts';
import type { RunRecord } from '../../store/records.ts';
import type { EngineContext } from '../engine-context.ts';
import { outcomeCheckNotifyKey } from '../approval-task-keys.ts';

/** The form field the checker fills in when approving: what Stripe shows. */
export const CHECKED_RESULT_FIELD = 'result_id';

export type OutcomeCheck =
  | { kind: 'waiting'; task: ApprovalTaskRecord }
  | { kind: 'moved'; resultId: string; by: string | null }
  | { kind: 'not_moved'; by: string | null };

export interface OutcomeQuestion {
  engine: EngineContext;
  run: RunRecord;
  path: string;
  visit: number;
  policy: EffectivePolicy;
  reservation: RefundReservation;
  /** Why Tollgate cannot tell, in words. */
  why: string;
}

/**
 * The task that asks a person about this attempt: one per reservation and the
 * time it was made, whatever the re-runs. A reservation released after a "nothing
 * moved" and made again is a new attempt: the earlier answer does not hold for it.
 */
export function outcomeCheckTaskId(reservation: Pick<RefundReservation, 'id' | 'createdAt'>): string {
  return `apt_${createHash('sha256').update(`money-check/${reservation.id}/${reservation.createdAt.getTime()}`).digest('hex').slice(0, 24)}`;
}

/**
 * Opens the check task (once) or reads its decision.
 * @throws PermanentError `money_outcome_unknown` when no person can be asked
 *   (no approvals in this process, or no team to ask).
 */
export async function askAboutOutcome(question: OutcomeQuestion): Promise<OutcomeCheck> {
  const { engine, run, path, visit, reservation, why } = question;
  const gateway = engine.approvals;
  if (gateway === undefined) throw outcomeUnknown(path, reservation, why, 'no approvals are configured in this process to ask a person');
  const id = outcomeCheckTaskId(reservation);
  let task = await gateway.get(id);
  if (task === undefined) {
    const team = question.policy.refunds.unknownOutcomeTeam ?? (await approvingTeam(engine, run.id));
    const members = team === null ? undefined : await gateway.teamMembers(team);
    if (team === null || members === undefined) {
      throw outcomeUnknown(path, reservation, why, team === null ? 'no team is named to check it (policy refunds.unknown_outcome_team)' : `the team "${team}" named to check it does not exist`);
    }
    const requester = run.requestId === null ? null : await gateway.requester(run.requestId);
    const money = formatMoney(reservation.amount, reservation.currency);
    const opened = await gateway.open({
      id,
      runId: run.id,
      stepPath: path,
      visit,
      workflowId: run.workflowId,
      title: `Check in Stripe: did the ${money} refund of ${reservation.targetId} happen? Tollgate cannot tell: ${why}. Approve with the id Stripe shows; reject if nothing was refunded (it is then made again).`,
      assigneeTeam: team,
      approvers: members.filter((email) => email !== requester),
      quorum: 'any',
      requireCommentOnReject: false,
      form: [
        {
          key: CHECKED_RESULT_FIELD,
          label: `The refund or credit note Stripe shows for ${money} on ${reservation.targetId}`,
          type: 'text',
          required: true,
          pattern: '^(re|pyr|cn)_[A-Za-z0-9]+$',
          help: `Look for metadata tollgate_key = ${reservation.idempotencyKey}, or a refund made by hand`,
        },
      ],
      requestId: run.requestId,
      requester,
      dueAt: null,
      createdAt: engine.clock.now(),
      stake: null,
      // The title says what is at stake; approving records a refund, it does not make one.
      leadsTo: null,
    });
    task = opened.task;
  }
  if (task.status === ApprovalStatus.pending) {
    // Also when the task was opened by an attempt that died before it told anyone: the key sends it once.
    await gateway.notify(task, outcomeCheckNotifyKey(task.id));
    return { kind: 'waiting', task };
  }
  const by = task.outcome?.by ?? null;
  const resultId = task.outcome?.values?.[CHECKED_RESULT_FIELD];
  if (task.status === ApprovalStatus.approved && typeof resultId === 'string') return { kind: 'moved', resultId, by };
  return { kind: 'not_moved', by };
}

/** The team of the run's latest approved task: the people who approved the refund. */
async function approvingTeam(engine: EngineContext, runId: string): Promise<string | null> {
  const tasks = await engine.store.approvals.list({ runId, status: ApprovalStatus.approved, limit: 100 });
  const latest = tasks.filter((task) => task.assigneeTeam !== null).sort((a, b) => (b.decidedAt?.getTime() ?? 0) - (a.decidedAt?.getTime() ?? 0))[0];
  return latest?.assigneeTeam ?? null;
}

export function outcomeUnknown(path: string, reservation: RefundReservation, why: string, whyNotAsked?: string, cause?: unknown): PermanentError {
  const asked = whyNotAsked === undefined ? '' : `; ${whyNotAsked}`;
  return new PermanentError(
    'money_outcome_unknown',
    `${path}: an earlier attempt (reservation ${reservation.id}, key ${reservation.idempotencyKey}, ${formatMoney(reservation.amount, reservation.currency)} of ${reservation.targetId}) may have moved money, and ${why}${asked}. Check in Stripe, then retry or end the run; it is not called again blindly.`,
    { details: { reservation: reservation.id, target: reservation.targetId, idempotency_key: reservation.idempotencyKey }, ...(cause === undefined ? {} : { cause }) },
  );
}
