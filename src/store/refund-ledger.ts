/**
 * The refund reservation ledger: before a refund or credit note call, its
 * amount is reserved in a transaction of its own, checked against what the
 * charge still holds and the caps; after the call it is settled or released.
 * Concurrent runs of any workflow, in any process, are counted: SQLite has one
 * writer; on PostgreSQL the target's row in `refund_target_locks` (and the
 * customer's, workflow's or account's, when a cap counts them) is locked.
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import { newId } from '../core/ids.ts';
import type { Database, RefundReservationsTable } from './database-schema.ts';
import type { DialectDatabase } from './dialect.ts';
import { runVisibleTo } from './run-visibility.ts';
import { ReservationStatus, type ApprovalView, type LedgerCap, type NewReservation, type RefundReservation, type ReservationFilter, type ReservationLimits, type ReserveResult } from './refund-ledger-records.ts';

const LIVE = [ReservationStatus.reserved, ReservationStatus.settled];

export class RefundLedger {
  readonly #database: DialectDatabase;

  constructor(database: DialectDatabase) {
    this.#database = database;
  }

  /**
   * Reserves `input.amount` of the target, unless a reservation with this
   * idempotency key is live already (a re-run: it is returned as it is).
   * A released one (its call failed for certain) is reserved again.
   */
  reserve(input: NewReservation, limits: ReservationLimits, now: Date): Promise<ReserveResult> {
    return this.#database.transaction(async (trx) => {
      await this.#lock(trx, lockKeys(input, limits.caps));
      const existing = await trx.selectFrom('refund_reservations').selectAll().where('idempotency_key', '=', input.idempotencyKey).executeTakeFirst();
      if (existing !== undefined && existing.status !== ReservationStatus.released) return { kind: 'existing', reservation: reservationOf(existing) };
      const held = await sumLive(trx, input.idempotencyKey, { targetId: input.targetId });
      if (input.amount > limits.available - held) return { kind: 'exceeds_refundable', available: limits.available, held };
      for (const cap of limits.caps) {
        const used = await sumLive(trx, input.idempotencyKey, {
          currency: cap.currency,
          since: cap.since,
          ...(cap.per === 'customer' ? { customerId: input.customerId } : {}),
          ...(cap.per === 'workflow' ? { workflowId: input.workflowId } : {}),
        });
        if (used + input.amount > cap.max) return { kind: 'limit_exceeded', cap, used };
      }
      const row = {
        idempotency_key: input.idempotencyKey,
        operation: input.operation,
        target_id: input.targetId,
        payment_intent_id: input.paymentIntentId,
        customer_id: input.customerId,
        workflow_id: input.workflowId,
        run_id: input.runId,
        step_path: input.stepPath,
        amount: input.amount,
        currency: input.currency,
        status: ReservationStatus.reserved,
        result_id: null,
        created_at: now.getTime(),
        updated_at: now.getTime(),
      };
      if (existing !== undefined) {
        await trx.updateTable('refund_reservations').set(row).where('id', '=', existing.id).execute();
        return { kind: 'reserved', reservation: reservationOf({ ...row, id: existing.id }) };
      }
      const id = newId('rsv', now);
      await trx.insertInto('refund_reservations').values({ id, ...row }).execute();
      return { kind: 'reserved', reservation: reservationOf({ ...row, id }) };
    });
  }

  /** The call moved the money: `resultId` is the refund or credit note. */
  settle(id: string, resultId: string, now: Date): Promise<RefundReservation> {
    return this.#finish(id, { status: ReservationStatus.settled, result_id: resultId, updated_at: now.getTime() });
  }

  /** The call failed for certain: the amount is free again. */
  release(id: string, now: Date): Promise<RefundReservation> {
    return this.#finish(id, { status: ReservationStatus.released, updated_at: now.getTime() });
  }

  async byIdempotencyKey(key: string): Promise<RefundReservation | undefined> {
    const row = await this.#database.db.selectFrom('refund_reservations').selectAll().where('idempotency_key', '=', key).executeTakeFirst();
    return row === undefined ? undefined : reservationOf(row);
  }

  /** A run's reservations, oldest first. */
  async ofRun(runId: string): Promise<RefundReservation[]> {
    const rows = await this.#database.db.selectFrom('refund_reservations').selectAll().where('run_id', '=', runId).orderBy('created_at').orderBy('id').execute();
    return rows.map(reservationOf);
  }

  /** The ledger, newest first, one page at a time: `cursor` is the last id of the page before. */
  async list(filter: ReservationFilter): Promise<{ reservations: RefundReservation[]; nextCursor: string | null }> {
    const rows = await this.#database.db
      .selectFrom('refund_reservations')
      .selectAll()
      .$if(filter.status !== undefined, (qb) => qb.where('status', '=', filter.status ?? ''))
      .$if(filter.targetId !== undefined, (qb) => qb.where('target_id', '=', filter.targetId ?? ''))
      .$if(filter.customerId !== undefined, (qb) => qb.where('customer_id', '=', filter.customerId ?? ''))
      .$if(filter.workflowId !== undefined, (qb) => qb.where('workflow_id', '=', filter.workflowId ?? ''))
      .$if(filter.cursor !== undefined, (qb) => qb.where('id', '<', filter.cursor ?? ''))
      .$if(filter.visibleTo !== undefined, (qb) => qb.where('run_id', 'in', (eb) => eb.selectFrom('runs').select('runs.id').where((inner) => runVisibleTo(inner, filter.visibleTo ?? ''))))
      .orderBy('id', 'desc')
      .limit(filter.limit + 1)
      .execute();
    const reservations = rows.slice(0, filter.limit).map(reservationOf);
    return { reservations, nextCursor: rows.length > filter.limit ? (reservations.at(-1)?.id ?? null) : null };
  }

  /** Records what an approval review showed as refundable on `targetId` (the latest view wins). */
  async recordApprovalView(view: ApprovalView): Promise<void> {
    const values = { refundable: view.refundable, currency: view.currency, seen_at: view.seenAt.getTime() };
    await this.#database.db
      .insertInto('refund_approval_views')
      .values({ task_id: view.taskId, target_id: view.targetId, ...values })
      .onConflict((conflict) => conflict.columns(['task_id', 'target_id']).doUpdateSet(values))
      .execute();
  }

  /** What the reviews of these tasks showed for `targetId`. */
  async approvalViews(taskIds: readonly string[], targetId: string): Promise<ApprovalView[]> {
    if (taskIds.length === 0) return [];
    const rows = await this.#database.db.selectFrom('refund_approval_views').selectAll().where('task_id', 'in', taskIds).where('target_id', '=', targetId).execute();
    return rows.map((row) => ({ taskId: row.task_id, targetId: row.target_id, refundable: Number(row.refundable), currency: row.currency, seenAt: new Date(Number(row.seen_at)) }));
  }

  async #finish(id: string, set: { status: ReservationStatus; result_id?: string; updated_at: number }): Promise<RefundReservation> {
    return this.#database.transaction(async (trx) => {
      await trx.updateTable('refund_reservations').set(set).where('id', '=', id).execute();
      return reservationOf(await trx.selectFrom('refund_reservations').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
    });
  }

  /** Locks the rows of `keys` in a stable order (no deadlock between two reservations). */
  async #lock(trx: Kysely<Database>, keys: string[]): Promise<void> {
    if (!this.#database.capabilities.rowLocks) return;
    for (const key of keys) {
      await trx.insertInto('refund_target_locks').values({ target_id: key }).onConflict((conflict) => conflict.column('target_id').doNothing()).execute();
      await trx.selectFrom('refund_target_locks').select('target_id').where('target_id', '=', key).forUpdate().execute();
    }
  }
}

function lockKeys(input: NewReservation, caps: readonly LedgerCap[]): string[] {
  const keys = new Set([`target:${input.targetId}`]);
  for (const cap of caps) {
    if (cap.per === 'customer') keys.add(`customer:${input.customerId ?? ''}`);
    else if (cap.per === 'workflow') keys.add(`workflow:${input.workflowId}`);
    else keys.add('account');
  }
  return [...keys].sort();
}

interface LiveFilter {
  targetId?: string;
  customerId?: string | null;
  workflowId?: string;
  currency?: string;
  since?: Date;
}

/** Reserved and settled amounts matching `filter`, leaving out the call's own reservation. */
async function sumLive(trx: Kysely<Database>, ownKey: string, filter: LiveFilter): Promise<number> {
  const row = await trx
    .selectFrom('refund_reservations')
    .select(sql<number | string | null>`sum(amount)`.as('total'))
    .where('status', 'in', LIVE)
    .where('idempotency_key', '<>', ownKey)
    .$if(filter.targetId !== undefined, (qb) => qb.where('target_id', '=', filter.targetId ?? ''))
    .$if(filter.customerId !== undefined, (qb) => (filter.customerId === null ? qb.where('customer_id', 'is', null) : qb.where('customer_id', '=', filter.customerId ?? '')))
    .$if(filter.workflowId !== undefined, (qb) => qb.where('workflow_id', '=', filter.workflowId ?? ''))
    .$if(filter.currency !== undefined, (qb) => qb.where('currency', '=', filter.currency ?? ''))
    .$if(filter.since !== undefined, (qb) => qb.where('created_at', '>=', filter.since?.getTime() ?? 0))
    .executeTakeFirst();
  return Number(row?.total ?? 0);
}

function reservationOf(row: Selectable<RefundReservationsTable>): RefundReservation {
  return {
    id: row.id,
    idempotencyKey: row.idempotency_key,
    operation: row.operation,
    targetId: row.target_id,
    paymentIntentId: row.payment_intent_id,
    customerId: row.customer_id,
    workflowId: row.workflow_id,
    runId: row.run_id,
    stepPath: row.step_path,
    amount: Number(row.amount),
    currency: row.currency,
    status: row.status as ReservationStatus,
    resultId: row.result_id,
    createdAt: new Date(Number(row.created_at)),
    updatedAt: new Date(Number(row.updated_at)),
  };
}
