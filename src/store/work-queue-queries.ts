import { sql, type Insertable, type Kysely } from 'kysely';
import { NotFoundError } from '../core/errors.ts';
import { FaultPoint } from '../core/fault-points.ts';
import { newId } from '../core/ids.ts';
import { ApprovalStatus, AttemptStatus, isFinal, RequestStatus, RunStatus, type FinalRunStatus } from '../core/statuses.ts';
import type { Database, StepAttemptsTable } from './database-schema.ts';
import { assignScopeVariables, endScope, openScopes } from './scope-queries.ts';
import { lockRun } from './run-lock.ts';
import { startsWith } from './starts-with.ts';
import type { DialectCapabilities, DialectDatabase } from './dialect.ts';
import type { ClaimedWork, CommitOutcome, RunRecord, StepCommit } from './records.ts';
import { fromJson, toJson, toRun } from './row-mappers.ts';

/** Leases up to `limit` due work items to `owner`; an expired lease is fair game. */
export async function claimWork(
  database: DialectDatabase,
  input: { owner: string; limit: number; leaseMs: number; now: Date },
): Promise<ClaimedWork[]> {
  const now = input.now.getTime();
  // A read first: most looks find nothing claimable, and a read costs no write transaction.
  const claimable = await database.db
    .selectFrom('work_items')
    .select('id')
    .where('due_at', '<=', now)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
    .limit(1)
    .executeTakeFirst();
  if (!claimable) return [];
  const items = await database.transaction(async (trx) => {
    const due = trx
      .selectFrom('work_items')
      .select('id')
      .where('due_at', '<=', now)
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
      .orderBy('due_at')
      .limit(input.limit)
      .$if(database.capabilities.skipLocked, (qb) => qb.forUpdate().skipLocked());
    return trx
      .updateTable('work_items')
      // A lease still set here has run out (only such items are due): its worker died in the step.
      .set({ lease_owner: input.owner, lease_until: now + input.leaseMs, lease_expiries: sql<number>`CASE WHEN lease_until IS NULL THEN lease_expiries ELSE lease_expiries + 1 END` })
      .where('id', 'in', due)
      .returningAll()
      .execute();
    // A lost lease only makes the step claimable again: no need to wait for the disk.
  }, { durable: false });
  if (items.length === 0) return [];
  const runs = await database.db.selectFrom('runs').selectAll().where('id', 'in', [...new Set(items.map((item) => item.run_id))]).execute();
  const byId = new Map(runs.map((row) => [row.id, toRun(row)]));
  return items.flatMap((item) => {
    const run = byId.get(item.run_id);
    return run ? [{ itemId: item.id, stepPath: item.step_path, visit: item.visit, attempt: item.attempt, resume: fromJson(item.resume), leaseExpiries: item.lease_expiries, run }] : [];
  });
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

/** Applies a batch of step commits in one transaction: one fsync for many steps. */
export async function commitSteps(database: DialectDatabase, commits: StepCommit[]): Promise<CommitOutcome[]> {
  if (commits.length === 0) return [];
  return database.transaction(async (trx) => {
    const results: CommitOutcome[] = [];
    let wake = false;
    for (const commit of commits) {
      const outcome = await applyCommit(trx, database, commit);
      results.push(outcome);
      // Tell the workers, unless all this commit made runnable is the step it hands back to its own worker.
      const onlyChained = outcome.chained !== undefined && commit.enqueue?.length === 1 && commit.scopeEnd === undefined;
      wake ||= outcome.result === 'applied' && commit.reschedule === undefined && !onlyChained;
    }
    if (wake) await database.notifyWork(trx);
    // After every write of the batch, before COMMIT: a failure here must leave none of them.
    database.fault(FaultPoint.storeCommit);
    return results;
  });
}

async function applyCommit(trx: Kysely<Database>, database: DialectDatabase, commit: StepCommit): Promise<CommitOutcome> {
  // The run's row lock first, before any of its work items: a batch that locked a work item and then waited for
  // the run deadlocked with one that held the run and woke that item (a foreach's iterations ending at once).
  const run = await lockRun(trx, database.capabilities, commit.runId);
  const owned = commit.reschedule
    ? (
        await trx
          .updateTable('work_items')
          .set({
            due_at: commit.reschedule.dueAt.getTime(),
            attempt: commit.reschedule.attempt,
            resume: toJson(commit.reschedule.resume),
            lease_owner: null,
            lease_until: null,
            lease_expiries: 0,
          })
          .where('id', '=', commit.itemId)
          .where('lease_owner', '=', commit.owner)
          .executeTakeFirst()
      ).numUpdatedRows > 0n
    : (await trx.deleteFrom('work_items').where('id', '=', commit.itemId).where('lease_owner', '=', commit.owner).executeTakeFirst())
        .numDeletedRows > 0n;
  const active = run !== undefined && !isFinal(run.status as RunStatus);
  // A lost lease means another worker has the step: it will record the attempt.
  if (!owned && active) return { result: 'lease_lost' };

  if (commit.attempt) await writeAttempt(trx, commit.runId, commit.attempt);
  if (!active) return { result: 'run_not_active' };

  const now = commit.attempt ? (commit.attempt.finishedAt ?? commit.attempt.startedAt).getTime() : Date.now();
  // A step inside a foreach iteration or parallel branch sets its scope's variables, never the run's.
  const inScope = commit.scope !== undefined && commit.scope !== '';
  if (commit.assign && inScope) await assignScopeVariables(trx, commit.runId, commit.scope ?? '', commit.assign);
  const variables = commit.assign && !inScope ? { ...(fromJson<Record<string, unknown>>(run.variables) ?? {}), ...commit.assign } : undefined;
  const variablesJson = variables ? (toJson(variables) ?? '{}') : run.variables;
  const finish = commit.finish;
  await trx
    .updateTable('runs')
    .set({
      updated_at: now,
      ...(variables ? { variables: variablesJson } : {}),
      ...(commit.runStatus ? { status: commit.runStatus } : {}),
      ...(finish
        ? {
            status: finish.status,
            outcome: finish.outcome ?? null,
            error: toJson(finish.error ?? undefined),
            failed_step: finish.failedStep ?? null,
            finished_at: now,
          }
        : {}),
    })
    .where('id', '=', commit.runId)
    .execute();
  if (finish) {
    await trx.deleteFrom('work_items').where('run_id', '=', commit.runId).execute();
    if (run.request_id !== null) await closeRequest(trx, run.request_id, finish, commit.runId, now);
    if (run.parent_run_id !== null && run.parent_step_path !== null) {
      await wakeParkedStep(trx, database.capabilities, { runId: run.parent_run_id, stepPath: run.parent_step_path, resume: { childRun: commit.runId }, now: new Date(now) });
    }
    return { result: 'applied' };
  }
  if (commit.cancelScope !== undefined) {
    const scope = commit.cancelScope;
    await trx.deleteFrom('work_items').where('run_id', '=', commit.runId).where((eb) => startsWith(eb, eb.ref('step_path'), scope)).execute();
  }
  if (commit.openScopes) await openScopes(trx, commit.runId, commit.openScopes);
  let chained: Omit<ClaimedWork, 'run'> | undefined;
  for (const next of commit.enqueue ?? []) {
    const chain = commit.chainLeaseMs !== undefined && chained === undefined && next.dueAt.getTime() <= now;
    const inserted = await trx
      .insertInto('work_items')
      .values({
        id: newId('wi'),
        run_id: commit.runId,
        step_path: next.stepPath,
        // A new visit: one more than the journal has seen of this step.
        visit: sql<number>`(SELECT COALESCE(MAX(visit), 0) + 1 FROM step_attempts WHERE run_id = ${commit.runId} AND step_path = ${next.stepPath})`,
        attempt: 1,
        due_at: next.dueAt.getTime(),
        lease_owner: chain ? commit.owner : null,
        lease_until: chain ? now + (commit.chainLeaseMs ?? 0) : null,
        resume: toJson(next.resume),
        created_at: now,
      })
      .onConflict((oc) => oc.columns(['run_id', 'step_path']).doNothing())
      .returning(['id', 'visit'])
      .executeTakeFirst();
    if (chain && inserted) chained = { itemId: inserted.id, stepPath: next.stepPath, visit: inserted.visit, attempt: 1, resume: next.resume ?? null, leaseExpiries: 0 };
  }
  if (commit.scopeEnd) {
    const { scope, ownerPath, output } = commit.scopeEnd;
    const visit = await latestVisit(trx, commit.runId, ownerPath);
    await endScope(trx, commit.runId, commit.scopeEnd);
    await insertAttemptRow(trx, commit.runId, {
      step_path: scope,
      visit,
      attempt: 1,
      step_id: scope,
      step_type: 'scope_end',
      status: 'succeeded',
      input: null,
      output: toJson(output),
      error: null,
      started_at: now,
      finished_at: now,
    });
    await wakeStep(trx, { runId: commit.runId, stepPath: ownerPath, visit, resume: { scopeEnded: scope }, now });
  }
  if (!chained) return { result: 'applied' };
  // The run as this transaction leaves it, for the worker to run the chained step with.
  const updated = { ...run, updated_at: now, variables: variablesJson, status: commit.runStatus ?? run.status };
  return { result: 'applied', chained: { ...chained, run: toRun(updated) } };
}

/**
 * A catalog request ends with its run, and its status says how:
 * - `cancelled`: the run was cancelled;
 * - `failed`: the run failed (a step's error, or an end step with status
 *   `failed`), whatever its approvals said before;
 * - `rejected`: the run ended `succeeded` and the run's last decided approval
 *   task was rejected (by an approver, or by `on_timeout: reject`): an
 *   approval said no and the run took that path to its end;
 * - `completed`: any other succeeded run, with its outcome.
 */
async function closeRequest(trx: Kysely<Database>, requestId: string, finish: NonNullable<StepCommit['finish']>, runId: string, now: number): Promise<void> {
  const status = await closedRequestStatus(trx, runId, finish.status);
  await trx.updateTable('requests').set({ status, outcome: finish.outcome ?? null, updated_at: now, closed_at: now }).where('id', '=', requestId).execute();
}

async function closedRequestStatus(trx: Kysely<Database>, runId: string, runStatus: FinalRunStatus): Promise<RequestStatus> {
  switch (runStatus) {
    case RunStatus.cancelled:
      return RequestStatus.cancelled;
    case RunStatus.failed:
      return RequestStatus.failed;
    case RunStatus.succeeded: {
      const lastDecided = await trx
        .selectFrom('approval_tasks')
        .select('status')
        .where('run_id', '=', runId)
        .where('decided_at', 'is not', null)
        .orderBy('decided_at', 'desc')
        .orderBy('created_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      return lastDecided?.status === ApprovalStatus.rejected ? RequestStatus.rejected : RequestStatus.completed;
    }
    default: {
      const unknown: never = runStatus;
      throw new Error(`no request status for run status ${String(unknown)}`);
    }
  }
}

async function latestVisit(trx: Kysely<Database>, runId: string, stepPath: string): Promise<number> {
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
async function wakeStep(trx: Kysely<Database>, input: { runId: string; stepPath: string; visit: number; resume: unknown; now: number }): Promise<void> {
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

async function writeAttempt(trx: Kysely<Database>, runId: string, attempt: NonNullable<StepCommit['attempt']>): Promise<void> {
  await insertAttemptRow(trx, runId, {
    step_path: attempt.stepPath,
    visit: attempt.visit,
    attempt: attempt.attempt,
    step_id: attempt.stepId,
    step_type: attempt.stepType,
    status: attempt.status,
    input: toJson(attempt.input),
    output: toJson(attempt.output),
    error: toJson(attempt.error ?? undefined),
    started_at: attempt.startedAt.getTime(),
    finished_at: attempt.finishedAt?.getTime() ?? null,
  });
}

type AttemptRow = Omit<Insertable<StepAttemptsTable>, 'run_id' | 'position'>;

async function insertAttemptRow(trx: Kysely<Database>, runId: string, row: AttemptRow): Promise<void> {
  // The next position is a counter in the run's row, which this transaction holds locked (or SQLite's single
  // writer): constant work, where a count of the run's attempts read its whole journal for every row added.
  // A parked step writes its attempt twice (waiting, then done): keep its first start time and position
  // (the number its second write took is left unused; positions only order the journal).
  const counter = await trx
    .updateTable('runs')
    .set((eb) => ({ last_position: eb('last_position', '+', 1) }))
    .where('id', '=', runId)
    .returning('last_position')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('step_attempts')
    .values({ ...row, run_id: runId, position: Number(counter.last_position) })
    .onConflict((oc) =>
      oc.columns(['run_id', 'step_path', 'visit', 'attempt']).doUpdateSet({ status: row.status, output: row.output ?? null, error: row.error ?? null, finished_at: row.finished_at ?? null }),
    )
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
  if (!run || isFinal(run.status as RunStatus)) return;
  const visit = await latestVisit(trx, input.runId, input.stepPath);
  await wakeStep(trx, { runId: input.runId, stepPath: input.stepPath, visit, resume: input.resume, now });
  await trx.updateTable('runs').set({ status: RunStatus.running, updated_at: now }).where('id', '=', input.runId).where('status', '=', RunStatus.waiting).execute();
}

export async function nextDueAt(db: Kysely<Database>): Promise<Date | undefined> {
  // A leased item is not claimable before its lease ends.
  const row = await db
    .selectFrom('work_items')
    .select(sql<number | null>`min(case when lease_until is not null and lease_until > due_at then lease_until else due_at end)`.as('due'))
    .executeTakeFirst();
  return row?.due === null || row?.due === undefined ? undefined : new Date(Number(row.due));
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
    const sleeping = isFinal(run.status as RunStatus)
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
