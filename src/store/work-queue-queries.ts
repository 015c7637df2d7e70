import { sql, type Kysely } from 'kysely';
import { newId } from '../core/ids.ts';
import { isFinal, RunStatus } from '../core/statuses.ts';
import type { Database } from './database-schema.ts';
import type { DialectDatabase } from './dialect.ts';
import type { ClaimedWork, CommitResult, StepCommit } from './records.ts';
import { fromJson, toJson, toRun } from './row-mappers.ts';

/** Leases up to `limit` due work items to `owner`; an expired lease is fair game. */
export async function claimWork(
  database: DialectDatabase,
  input: { owner: string; limit: number; leaseMs: number; now: Date },
): Promise<ClaimedWork[]> {
  const now = input.now.getTime();
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
      .set({ lease_owner: input.owner, lease_until: now + input.leaseMs })
      .where('id', 'in', due)
      .returningAll()
      .execute();
  });
  if (items.length === 0) return [];
  const runs = await database.db.selectFrom('runs').selectAll().where('id', 'in', [...new Set(items.map((item) => item.run_id))]).execute();
  const byId = new Map(runs.map((row) => [row.id, toRun(row)]));
  return items.flatMap((item) => {
    const run = byId.get(item.run_id);
    return run ? [{ itemId: item.id, stepPath: item.step_path, attempt: item.attempt, resume: fromJson(item.resume), run }] : [];
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
export async function commitSteps(database: DialectDatabase, commits: StepCommit[]): Promise<CommitResult[]> {
  if (commits.length === 0) return [];
  return database.transaction(async (trx) => {
    const results: CommitResult[] = [];
    let wake = false;
    for (const commit of commits) {
      const result = await applyCommit(trx, database, commit);
      results.push(result);
      wake ||= result === 'applied' && (commit.enqueue?.length ?? 0) > 0;
    }
    if (wake) await database.notifyWork(trx);
    return results;
  });
}

async function applyCommit(trx: Kysely<Database>, database: DialectDatabase, commit: StepCommit): Promise<CommitResult> {
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
          })
          .where('id', '=', commit.itemId)
          .where('lease_owner', '=', commit.owner)
          .executeTakeFirst()
      ).numUpdatedRows > 0n
    : (await trx.deleteFrom('work_items').where('id', '=', commit.itemId).where('lease_owner', '=', commit.owner).executeTakeFirst())
        .numDeletedRows > 0n;

  const run = await trx
    .selectFrom('runs')
    .select(['status', 'variables'])
    .where('id', '=', commit.runId)
    .$if(database.capabilities.rowLocks, (qb) => qb.forUpdate())
    .executeTakeFirst();
  const active = run !== undefined && !isFinal(run.status as RunStatus);
  // A lost lease means another worker has the step: it will record the attempt.
  if (!owned && active) return 'lease_lost';

  await writeAttempt(trx, commit);
  if (!active) return 'run_not_active';

  const now = commit.attempt.finishedAt?.getTime() ?? commit.attempt.startedAt.getTime();
  const variables = commit.assign ? { ...(fromJson<Record<string, unknown>>(run.variables) ?? {}), ...commit.assign } : undefined;
  const finish = commit.finish;
  await trx
    .updateTable('runs')
    .set({
      updated_at: now,
      ...(variables ? { variables: toJson(variables) ?? '{}' } : {}),
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
  if (finish) await trx.deleteFrom('work_items').where('run_id', '=', commit.runId).execute();
  else if (commit.enqueue && commit.enqueue.length > 0) {
    await trx
      .insertInto('work_items')
      .values(
        commit.enqueue.map((next) => ({
          id: newId('wi'),
          run_id: commit.runId,
          step_path: next.stepPath,
          attempt: 1,
          due_at: next.dueAt.getTime(),
          lease_owner: null,
          lease_until: null,
          resume: toJson(next.resume),
          created_at: now,
        })),
      )
      .onConflict((oc) => oc.columns(['run_id', 'step_path']).doNothing())
      .execute();
  }
  return 'applied';
}

async function writeAttempt(trx: Kysely<Database>, commit: StepCommit): Promise<void> {
  const attempt = commit.attempt;
  // Writers of one run are serialised (run row lock, or SQLite's single writer), so the count is the next position.
  const count = await trx
    .selectFrom('step_attempts')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('run_id', '=', commit.runId)
    .executeTakeFirstOrThrow();
  const row = {
    run_id: commit.runId,
    step_path: attempt.stepPath,
    attempt: attempt.attempt,
    step_id: attempt.stepId,
    step_type: attempt.stepType,
    position: Number(count.count) + 1,
    status: attempt.status,
    input: toJson(attempt.input),
    output: toJson(attempt.output),
    error: toJson(attempt.error ?? undefined),
    started_at: attempt.startedAt.getTime(),
    finished_at: attempt.finishedAt?.getTime() ?? null,
  };
  // A timer step writes its attempt twice (waiting, then done): keep its first start time.
  await trx
    .insertInto('step_attempts')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['run_id', 'step_path', 'attempt']).doUpdateSet({ status: row.status, output: row.output, error: row.error, finished_at: row.finished_at }),
    )
    .execute();
}

export async function enqueueStep(database: DialectDatabase, input: { runId: string; stepPath: string; resume: unknown; now: Date }): Promise<void> {
  await database.transaction(async (trx) => {
    const now = input.now.getTime();
    await trx
      .insertInto('work_items')
      .values({ id: newId('wi', input.now), run_id: input.runId, step_path: input.stepPath, attempt: 1, due_at: now, lease_owner: null, lease_until: null, resume: toJson(input.resume), created_at: now })
      .onConflict((oc) => oc.columns(['run_id', 'step_path']).doUpdateSet({ resume: toJson(input.resume), due_at: now }))
      .execute();
    await trx.updateTable('runs').set({ status: RunStatus.running, updated_at: now }).where('id', '=', input.runId).where('status', '=', RunStatus.waiting).execute();
    await database.notifyWork(trx);
  });
}

export async function nextDueAt(db: Kysely<Database>): Promise<Date | undefined> {
  // A leased item is not claimable before its lease ends.
  const row = await db
    .selectFrom('work_items')
    .select(sql<number | null>`min(case when lease_until is not null and lease_until > due_at then lease_until else due_at end)`.as('due'))
    .executeTakeFirst();
  return row?.due === null || row?.due === undefined ? undefined : new Date(Number(row.due));
}
