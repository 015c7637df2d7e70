import { sql, type Kysely, type Selectable } from 'kysely';
import { NotFoundError } from '../core/errors.ts';
import { newId } from '../core/ids.ts';
import { ApprovalStatus, AttemptStatus, isFinal, RunStatus } from '../core/statuses.ts';
import type { Database, WorkItemsTable } from './database-schema.ts';
import { preparedQuery } from './prepared-query.ts';
import { lockRun } from './run-lock.ts';
import type { DialectCapabilities, DialectDatabase } from './dialect.ts';
import type { Claim, RunRecord } from './records.ts';
import { fromJson, toJson, toRun } from './row-mappers.ts';
import { writeHeldRowsOf } from './step-commit/held-rows.ts';
import { insertAttemptRow } from './step-commit/journal-row.ts';

/** When each item becomes claimable; the very expression migration 0017 indexes, so the look reads one index entry. */
const CLAIMABLE_AT = sql<number>`(CASE WHEN lease_until IS NOT NULL AND lease_until > due_at THEN lease_until ELSE due_at END)`;

const nextClaimable = preparedQuery<never, { due: number }>((db) => db.selectFrom('work_items').select(CLAIMABLE_AT.as('due')).orderBy(CLAIMABLE_AT).limit(1));

function claimStatement(options: { skipLocked: boolean }) {
  return preparedQuery<'owner' | 'leaseUntil' | 'now' | 'limit', Selectable<WorkItemsTable>>((db, param) => {
    const due = db
      .selectFrom('work_items')
      .select('id')
      .where('due_at', '<=', param('now'))
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', param('now'))]))
      .orderBy('due_at')
      .limit(param('limit'))
      .$if(options.skipLocked, (qb) => qb.forUpdate().skipLocked());
    return (
      db
        .updateTable('work_items')
        // A lease still set here has run out (only such items are due): its worker died in the step.
        .set({ lease_owner: param('owner'), lease_until: param('leaseUntil'), lease_expiries: sql<number>`CASE WHEN lease_until IS NULL THEN lease_expiries ELSE lease_expiries + 1 END` })
        .where('id', 'in', due)
        .returningAll()
    );
  });
}

/** The claim, compiled once: with row locks skipped (PostgreSQL), or under SQLite's one writer. */
const claimSkippingLocked = claimStatement({ skipLocked: true });
const claimDue = claimStatement({ skipLocked: false });

/** Leases up to `limit` due work items to `owner`; an expired lease is fair game. */
export async function claimWork(database: DialectDatabase, input: { owner: string; limit: number; leaseMs: number; now: Date }): Promise<Claim> {
  const now = input.now.getTime();
  // A read first: most looks find nothing claimable, and a read costs no write transaction. It reads when the
  // next item becomes claimable, which is also what an idle worker sleeps until: one statement for both.
  const [next] = (await nextClaimable.execute(database.db, {})).rows;
  if (next === undefined) return { work: [], nextDueAt: null };
  if (Number(next.due) > now) return { work: [], nextDueAt: new Date(Number(next.due)) };
  const claim = database.capabilities.skipLocked ? claimSkippingLocked : claimDue;
  const items = await database.transaction(async (trx) => (await claim.execute(trx, { owner: input.owner, leaseUntil: now + input.leaseMs, now, limit: input.limit })).rows, {
    // A lost lease only makes the step claimable again: no need to wait for the disk.
    durable: false,
  });
  if (items.length === 0) return { work: [] };
  const runs = await database.db.selectFrom('runs').selectAll().where('id', 'in', [...new Set(items.map((item) => item.run_id))]).execute();
  const byId = new Map(runs.map((row) => [row.id, toRun(row)]));
  const work = items.flatMap((item) => {
    const run = byId.get(item.run_id);
    return run ? [{ itemId: item.id, stepPath: item.step_path, visit: item.visit, attempt: item.attempt, resume: fromJson(item.resume), leaseExpiries: item.lease_expiries, run }] : [];
  });
  return { work };
}

export async function extendLeases(db: Kysely<Database>, input: { owner: string; itemIds: string[]; until: Date }): Promise<void> {
  if (input.itemIds.length === 0) return;
  await db
    .updateTable('work_items')
    .set({ lease_until: input.until.getTime() })
    .where('lease_owner', '=', input.owner)
    .where('id', 'in', input.itemIds)
    .execute();
}

/** The latest visit of a step the journal has seen (0 for none). */
export async function latestVisit(trx: Kysely<Database>, runId: string, stepPath: string): Promise<number> {
  await writeHeldRowsOf(trx, runId, [stepPath]);
  const row = await trx
    .selectFrom('step_attempts')
    .select((eb) => eb.fn.max('visit').as('visit'))
    .where('run_id', '=', runId)
    .where('step_path', '=', stepPath)
    .executeTakeFirst();
  return Number(row?.visit ?? 0);
}

/**
 * Makes a parked step runnable again, in the same visit. If the step is
 * queued or even running, its lease is taken back, so a worker that is
 * running it now loses its commit and the step runs again with what woke it.
 * The item takes a new id: the same worker may claim it again while its
 * older run of the step is still going, and that older run (which read the
 * state before this wake) must not be able to commit over the newer one.
 */
export async function wakeStep(trx: Kysely<Database>, input: { runId: string; stepPath: string; visit: number; resume: unknown; now: number }): Promise<void> {
  await writeHeldRowsOf(trx, input.runId, [input.stepPath]);
  const attempt = await trx
    .selectFrom('step_attempts')
    .select((eb) => eb.fn.max('attempt').as('attempt'))
    .where('run_id', '=', input.runId)
    .where('step_path', '=', input.stepPath)
    .where('visit', '=', input.visit)
    .executeTakeFirst();
  await trx
    .insertInto('work_items')
    .values({
      id: newId('wi'),
      run_id: input.runId,
      step_path: input.stepPath,
      visit: Math.max(1, input.visit),
      attempt: Number(attempt?.attempt ?? 1),
      due_at: input.now,
      lease_owner: null,
      lease_until: null,
      resume: toJson(input.resume),
      created_at: input.now,
    })
    .onConflict((oc) => oc.columns(['run_id', 'step_path']).doUpdateSet({ id: newId('wi'), due_at: input.now, lease_owner: null, lease_until: null, resume: toJson(input.resume) }))
    .execute();
}

/** Wakes a parked step (an approval decided, a child run ended) in its current visit. */
export async function enqueueStep(database: DialectDatabase, input: { runId: string; stepPath: string; resume: unknown; now: Date }): Promise<void> {
  await database.transaction(async (trx) => {
    await wakeParkedStep(trx, database.capabilities, input);
    await database.notifyWork(trx);
  });
}

/** The same, inside the caller's transaction. */
export async function wakeParkedStep(
  trx: Kysely<Database>,
  capabilities: Pick<DialectCapabilities, 'rowLocks'>,
  input: { runId: string; stepPath: string; resume: unknown; now: Date },
): Promise<void> {
  const now = input.now.getTime();
  const run = await lockRun(trx, capabilities, input.runId);
  if (!run || isFinal(run.status)) return;
  const visit = await latestVisit(trx, input.runId, input.stepPath);
  await wakeStep(trx, { runId: input.runId, stepPath: input.stepPath, visit, resume: input.resume, now });
  await trx.updateTable('runs').set({ status: RunStatus.running, updated_at: now }).where('id', '=', input.runId).where('status', '=', RunStatus.waiting).execute();
}

export async function nextDueAt(db: Kysely<Database>): Promise<Date | undefined> {
  // A leased item is not claimable before its lease ends.
  const [row] = (await nextClaimable.execute(db, {})).rows;
  return row === undefined ? undefined : new Date(Number(row.due));
}

/** The journal row a wake writes: attempt 0 of the step's visit, saying who woke it and when it was due. */
export const WAKE_STEP_TYPE = 'wake';

export type WakeResult =
  /** Each step that waited on time is due now. */
  | { kind: 'woken'; run: RunRecord; steps: { stepPath: string; dueAt: Date }[] }
  /** Nothing of the run waits on time: it ended, or waits on something else (`waitingOn`: its parked steps). */
  | { kind: 'not_waiting'; run: RunRecord; waitingOn: { stepPath: string; stepType: string }[] };

/**
 * Makes every step of a run that waits on time (a wait step, an approval's
 * timeout, a retry's backoff) due now, as if its time had come: the work
 * item's due time, the time a wait step resumes until, and a pending approval
 * task's due time all move to `now`. The engine then runs the step as when
 * the time passes. Records in the run's journal who woke each step.
 * @throws NotFoundError `run_not_found`
 */
export async function wakeTimers(database: DialectDatabase, input: { runId: string; now: Date; by: string | null }): Promise<WakeResult> {
  return database.transaction(async (trx) => {
    const run = await lockRun(trx, database.capabilities, input.runId);
    if (!run) throw new NotFoundError('run_not_found', `no run "${input.runId}"; list runs with \`tollgate runs list\``, { path: 'run' });
    const now = input.now.getTime();
    const sleeping = isFinal(run.status)
      ? []
      : await trx.selectFrom('work_items').selectAll().where('run_id', '=', input.runId).where('due_at', '>', now).where('lease_owner', 'is', null).orderBy('due_at').execute();
    if (sleeping.length === 0) {
      const parked = await trx
        .selectFrom('step_attempts')
        .select(['step_path', 'step_type'])
        .where('run_id', '=', input.runId)
        .where('status', '=', AttemptStatus.waiting)
        .orderBy('position')
        .execute();
      return { kind: 'not_waiting', run: toRun(run), waitingOn: parked.map((row) => ({ stepPath: row.step_path, stepType: row.step_type })) };
    }
    for (const item of sleeping) {
      await trx.updateTable('work_items').set({ due_at: now, resume: toJson(resumedNow(fromJson(item.resume), input.now)) }).where('id', '=', item.id).execute();
      await trx
        .updateTable('approval_tasks')
        .set({ due_at: now })
        .where('run_id', '=', input.runId)
        .where('step_path', '=', item.step_path)
        .where('visit', '=', item.visit)
        .where('status', '=', ApprovalStatus.pending)
        .where('due_at', '>', now)
        .execute();
      const step = await trx
        .selectFrom('step_attempts')
        .select('step_id')
        .where('run_id', '=', input.runId)
        .where('step_path', '=', item.step_path)
        .where('visit', '=', item.visit)
        .orderBy('attempt', 'desc')
        .limit(1)
        .executeTakeFirst();
      await insertAttemptRow(trx, input.runId, {
        step_path: item.step_path,
        visit: item.visit,
        attempt: 0,
        step_id: step?.step_id ?? item.step_path.slice(item.step_path.lastIndexOf('/') + 1),
        step_type: WAKE_STEP_TYPE,
        status: AttemptStatus.succeeded,
        input: toJson({ due_at: new Date(item.due_at).toISOString() }),
        output: toJson({ woken_by: input.by, woken_at: input.now.toISOString() }),
        error: null,
        started_at: now,
        finished_at: now,
      });
    }
    await database.notifyWork(trx);
    return { kind: 'woken', run: toRun(run), steps: sleeping.map((item) => ({ stepPath: item.step_path, dueAt: new Date(item.due_at) })) };
  });
}

/** A sleeping step resumes with the time it waits until (step-executor's `sleep`): that time is now. */
function resumedNow(resume: unknown, now: Date): unknown {
  if (typeof resume === 'object' && resume !== null && 'until' in resume) return { ...resume, until: now.toISOString() };
  return resume;
}
