/**
 * The one place every refund and credit note goes through: pre-flight checks,
 * a reservation in the ledger before the call, settle or release after it,
 * and a look-up by the run's metadata before an earlier attempt whose outcome
 * is unknown is repeated. What it learns goes into the step's input (`money`),
 * where the journal and the audit trail read it.
 */
import { PermanentError, TransientError } from '../../core/errors.ts';
import { ApprovalStatus } from '../../core/statuses.ts';
import { formatMoney } from '../../expression/money.ts';
import type { RunRecord } from '../../store/records.ts';
import { ReservationStatus, type LedgerCap, type RefundReservation } from '../../store/refund-ledger-records.ts';
import type { EngineContext } from '../engine-context.ts';
import { callOfKey } from '../idempotency-key.ts';
import type { OperationContext } from '../operation.ts';
import type { MoneyMovement, MoneyOperation, MoneyTarget } from './money-operation.ts';
import { askAboutOutcome } from './outcome-check.ts';
import { ledgerCaps, moneyPolicy } from './money-policy.ts';
import { checkPreflight, type ApprovalSeen } from './money-preflight.ts';
import { IDEMPOTENCY_WINDOW_MS, MoneyTag, moneyTags } from './money-tags.ts';

export interface GuardedCall {
  engine: EngineContext;
  run: RunRecord;
  path: string;
  visit: number;
  operation: MoneyOperation;
  input: Record<string, unknown>;
  context: OperationContext;
}

/**
 * `done`: the input as sent (with the ledger's facts under `money`) and the call's output.
 * `parked`: a person is asked whether an earlier attempt moved money; their decision wakes the step.
 */
export type GuardedResult = { kind: 'done'; input: Record<string, unknown>; output: unknown } | { kind: 'parked'; input: Record<string, unknown> };

/** Ledger facts kept with the step's input, for the journal and the `money.moved` audit entry. */
export interface MoneyFacts {
  reservation: string;
  target: string;
  payment_intent: string | null;
  customer: string | null;
  amount: number;
  currency: string;
  idempotency_key: string;
  /** `called`: this attempt made the call; `found`: an earlier attempt's result, found by metadata. */
  via: 'called' | 'found';
  result: string | null;
}

/**
 * Runs a money call under the guard.
 * @throws PermanentError `charge_disputed`, `charge_changed_since_approval`,
 *   `refund_exceeds_refundable`, `refund_limit_exceeded`, `money_outcome_unknown` (no one to ask),
 *   `money_check_unconfirmed` (the result a person named is not found);
 *   and whatever the call throws.
 */
export async function guardedMoneyCall(call: GuardedCall): Promise<GuardedResult> {
  const { engine, run, path, operation } = call;
  const ledger = engine.store.refundLedger;
  let unresolved = await unresolvedAttempt(call);
  // An earlier attempt that may have moved money is repeated under its own key, even after a person retried the run.
  const key = unresolved?.idempotencyKey ?? call.context.idempotencyKey;
  const context = key === call.context.idempotencyKey ? call.context : { ...call.context, idempotencyKey: key };
  const tags = moneyTags({ runId: run.id, stepPath: path, idempotencyKey: key });
  const policy = await moneyPolicy(engine, run);
  const looked = await lookUp(call, unresolved);
  let target = looked.target;

  if (unresolved !== undefined) {
    const found = target?.movements.find((movement) => movement.metadata[MoneyTag.key] === key);
    if (found !== undefined) return settleFound(call, { reservation: unresolved, movement: found, tags });
    const expired = engine.clock.now().getTime() - unresolved.createdAt.getTime() >= IDEMPOTENCY_WINDOW_MS;
    const why = looked.failure ?? (expired ? 'its idempotency key has expired at Stripe and no refund carries its metadata' : undefined);
    if (why !== undefined) {
      const check = await askAboutOutcome({ engine, run, path, visit: call.visit, policy, reservation: unresolved, why });
      if (check.kind === 'waiting') return { kind: 'parked', input: { ...call.input, money_check: { task: check.task.id, reservation: unresolved.id, why } } };
      if (check.kind === 'moved') {
        const named = target?.movements.find((movement) => movement.id === check.resultId);
        if (named === undefined) throw uncheckable(path, unresolved, check.resultId, target);
        return settleFound(call, { reservation: unresolved, movement: named, tags });
      }
      // A person saw nothing moved: the reservation is released and the call is made as a new one.
      await ledger.release(unresolved.id, engine.clock.now());
      unresolved = undefined;
    }
  }
  // Read again only when the look-up failed and a person said nothing moved.
  target ??= await call.operation.money.inspect(call.input, context);
  if (unresolved === undefined && policy.refunds.preflight) {
    checkPreflight(target, { approval: await approvalSeen(engine, run.id, target.id), path });
  }
  const reservation = await reserve({ ...call, context }, { target, unresolved, caps: ledgerCaps(policy, { currency: target.currency, customerId: target.customerId, now: engine.clock.now() }) });
  const sent = operation.money.prepare(call.input, { tags, amount: reservation.amount });
  let output: unknown;
  try {
    output = await operation.execute(sent, context);
  } catch (error) {
    // A refusal is certain: nothing moved. Anything else (a timeout, a 5xx) may have moved money: the reservation stays.
    if (error instanceof PermanentError) await ledger.release(reservation.id, engine.clock.now());
    throw error;
  }
  const resultId = operation.money.resultId(output);
  const settled = await ledger.settle(reservation.id, resultId, engine.clock.now());
  return { kind: 'done', input: withFacts(sent, factsOf(settled, 'called', resultId)), output };
}

/** An earlier attempt's result, found by its metadata or named by a person: settled, and the step's output. */
async function settleFound(call: GuardedCall, found: { reservation: RefundReservation; movement: MoneyMovement; tags: Readonly<Record<string, string>> }): Promise<GuardedResult> {
  const { reservation, movement } = found;
  const settled = reservation.status === ReservationStatus.settled ? reservation : await call.engine.store.refundLedger.settle(reservation.id, movement.id, call.engine.clock.now());
  return { kind: 'done', input: withFacts(call.operation.money.prepare(call.input, { tags: found.tags, amount: settled.amount }), factsOf(settled, 'found', movement.id)), output: movement.object };
}

/**
 * This call's earlier attempt that did not end for certain: its reservation by
 * this key unless released, else one an earlier retry generation of the same
 * call left reserved (the run failed while the answer was unknown, then a
 * person retried it: the refund may have happened under the old key).
 */
async function unresolvedAttempt(call: GuardedCall): Promise<RefundReservation | undefined> {
  const ledger = call.engine.store.refundLedger;
  const key = call.context.idempotencyKey;
  const own = await ledger.byIdempotencyKey(key);
  if (own !== undefined) return own.status === ReservationStatus.released ? undefined : own;
  const sameCall = (await ledger.ofRun(call.run.id)).filter(
    (reservation) => reservation.stepPath === call.path && reservation.status === ReservationStatus.reserved && callOfKey(reservation.idempotencyKey) === callOfKey(key),
  );
  return sameCall.at(-1);
}

/**
 * Reads the target. When an earlier attempt is unresolved, a look-up that
 * fails for good is not thrown: it is why Tollgate cannot tell what happened.
 */
async function lookUp(call: GuardedCall, unresolved: RefundReservation | undefined): Promise<{ target?: MoneyTarget; failure?: string }> {
  try {
    return { target: await call.operation.money.inspect(call.input, call.context) };
  } catch (error) {
    if (unresolved === undefined || error instanceof TransientError) throw error;
    return { failure: `looking it up failed (${error instanceof Error ? error.message : String(error)})` };
  }
}

async function reserve(call: GuardedCall, options: { target: MoneyTarget; unresolved: RefundReservation | undefined; caps: LedgerCap[] }): Promise<RefundReservation> {
  const { engine, run, path, context } = call;
  const { target, unresolved } = options;
  const tagged = target.movements.filter((movement) => movement.metadata[MoneyTag.key] !== undefined).reduce((sum, movement) => sum + movement.amount, 0);
  // Refunds the ledger holds count there; the rest of what Stripe shows refunded was done outside Tollgate.
  const outside = Math.max(0, target.refunded - tagged);
  const result = await engine.store.refundLedger.reserve(
    {
      idempotencyKey: context.idempotencyKey,
      operation: call.operation.spec.name,
      targetId: target.id,
      paymentIntentId: target.paymentIntentId,
      customerId: target.customerId,
      workflowId: run.workflowId,
      runId: run.id,
      stepPath: path,
      amount: unresolved?.amount ?? target.amount,
      currency: target.currency,
    },
    { available: target.total - outside, caps: options.caps },
    engine.clock.now(),
  );
  const money = (minor: number): string => formatMoney(minor, target.currency);
  switch (result.kind) {
    case 'reserved':
    case 'existing':
      return result.reservation;
    case 'exceeds_refundable':
      throw new PermanentError(
        'refund_exceeds_refundable',
        `${path}: ${money(target.amount)} asked, but of ${money(result.available)} refundable on ${target.id}, ${money(result.held)} is reserved or refunded by Tollgate runs already`,
        { details: { target: target.id, amount: target.amount, available: result.available, held: result.held } },
      );
    case 'limit_exceeded':
      throw new PermanentError(
        'refund_limit_exceeded',
        `${path}: the refund cap ${result.cap.label} would be passed: ${money(result.used)} used, ${money(target.amount)} asked, ${money(result.cap.max)} allowed`,
        { details: { cap: result.cap.label, used: result.used, asked: target.amount, max: result.cap.max, currency: result.cap.currency } },
      );
    default: {
      const _exhaustive: never = result;
      return _exhaustive;
    }
  }
}

/**
 * What the run's latest approval with a review of this target showed as
 * refundable, less the run's own refunds of it since: undefined when no
 * approval of the run was reviewed with this charge (nothing to compare).
 */
async function approvalSeen(engine: EngineContext, runId: string, targetId: string): Promise<ApprovalSeen | undefined> {
  const tasks = await engine.store.approvals.list({ runId, status: ApprovalStatus.approved, limit: 100 });
  const views = await engine.store.refundLedger.approvalViews(tasks.map((task) => task.id), targetId);
  const decidedAt = new Map(tasks.map((task) => [task.id, task.decidedAt?.getTime() ?? 0]));
  const latest = views.sort((a, b) => (decidedAt.get(b.taskId) ?? 0) - (decidedAt.get(a.taskId) ?? 0))[0];
  if (latest === undefined) return undefined;
  const ownSince = (await engine.store.refundLedger.ofRun(runId))
    .filter((reservation) => reservation.targetId === targetId && reservation.status === ReservationStatus.settled && reservation.updatedAt.getTime() >= latest.seenAt.getTime())
    .reduce((sum, reservation) => sum + reservation.amount, 0);
  return { taskId: latest.taskId, expected: latest.refundable - ownSince };
}

function uncheckable(path: string, reservation: RefundReservation, resultId: string, target: MoneyTarget | undefined): PermanentError {
  const where = target === undefined ? `${reservation.targetId} could not be read to confirm it` : `it is not among the refunds of ${reservation.targetId}`;
  return new PermanentError('money_check_unconfirmed', `${path}: the check named ${resultId} as what Stripe shows for reservation ${reservation.id}, but ${where}. Retry the run to be asked again.`, {
    details: { reservation: reservation.id, target: reservation.targetId, named: resultId },
  });
}

function factsOf(reservation: RefundReservation, via: MoneyFacts['via'], result: string | null): MoneyFacts {
  return {
    reservation: reservation.id,
    target: reservation.targetId,
    payment_intent: reservation.paymentIntentId,
    customer: reservation.customerId,
    amount: reservation.amount,
    currency: reservation.currency,
    idempotency_key: reservation.idempotencyKey,
    via,
    result,
  };
}

function withFacts(input: Record<string, unknown>, facts: MoneyFacts): Record<string, unknown> {
  return { ...input, money: facts };
}
