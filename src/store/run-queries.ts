import { sql, type Insertable, type Kysely, type SelectQueryBuilder } from 'kysely';
import { preparedInsert } from './prepared-insert.ts';
import { lockRun } from './run-lock.ts';
import { finishRun } from './run-end/finish-run.ts';
import { runIsAbout } from './object-lookup.ts';
import { runVisibleTo } from './run-visibility.ts';
import { startsWith } from './starts-with.ts';
import { NotFoundError } from '../core/errors.ts';
import { newId } from '../core/ids.ts';
import { RunStatus } from '../core/statuses.ts';
import { cancelRefusal, retryStart } from './run-change-rules.ts';
import { appendAudit, type AuditOf } from './audit-input.ts';
import { firstStepWork, insertRunRows, newRunRow } from './new-run.ts';
import type { Database, WorkItemsTable } from './database-schema.ts';
import type { DialectDatabase } from './dialect.ts';
import type { AttemptRecord, ClaimedWork, NewRun, RunFilter, RunMatch, RunRecord } from './records.ts';
import { fromJson, toAttempt, toRun } from './row-mappers.ts';


const insertWorkItemRows = preparedInsert<Insertable<WorkItemsTable>>((db, rows) => db.insertInto('work_items').values(rows));

/**
 * Inserts runs and their first work items; the caller's transaction makes them atomic with whatever started them.
 * Returns the first steps that were inserted leased (`NewRun.lease`), as claimed work with their runs, for the
 * lease holder to run once the transaction has committed. The runs in `firstStepsRan` get no first item: their
 * first step ran before the write, and its commit goes in the same transaction (step-commit/first-steps.ts).
 */
export async function insertRuns(trx: Kysely<Database>, runs: readonly NewRun[], options: { firstStepsRan?: ReadonlySet<string> } = {}): Promise<ClaimedWork[]> {
  if (runs.length === 0) return [];
  await insertRunRows.execute(trx, runs.map(newRunRow));
  const queued = runs.filter((run) => options.firstStepsRan?.has(run.id) !== true).map((run) => ({ run, itemId: run.firstItemId ?? newId('wi', run.createdAt) }));
  const items = queued.map(({ run, itemId }) => ({
    id: itemId,
    run_id: run.id,
    step_path: run.firstStep,
    visit: 1,
    attempt: 1,
    due_at: run.createdAt.getTime(),
    lease_owner: run.lease?.owner ?? null,
    lease_until: run.lease?.until.getTime() ?? null,
    resume: null,
    created_at: run.createdAt.getTime(),
  }));
  await insertWorkItemRows.execute(trx, items);
  return queued.flatMap(({ run, itemId }) => (run.lease === undefined ? [] : [firstStepWork(run, itemId)]));
}

export async function getRun(db: Kysely<Database>, id: string): Promise<RunRecord | undefined> {
  const row = await db.selectFrom('runs').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toRun(row);
}

export async function workflowsOfRuns(db: Kysely<Database>, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('runs').select(['id', 'workflow_id']).where('id', 'in', [...ids]).execute();
  return new Map(rows.map((row) => [row.id, row.workflow_id]));
}

export async function requireRun(db: Kysely<Database>, id: string): Promise<RunRecord> {
  const run = await getRun(db, id);
  if (!run) throw new NotFoundError('run_not_found', `no run "${id}"; list runs with \`tollgate runs list\``);
  return run;
}

export async function listRuns(db: Kysely<Database>, filter: RunFilter): Promise<{ runs: RunRecord[]; nextCursor: string | null }> {
  const rows = await runPageQuery(db, filter).execute();
  const page = rows.slice(0, filter.limit).map(toRun);
  const last = page.at(-1);
  return { runs: page, nextCursor: rows.length > filter.limit && last ? last.id : null };
}

/** A page of the runs `filter` matches, newest first, and one more to tell whether another page follows. */
export function runPageQuery(db: Kysely<Database>, filter: RunFilter) {
  let query = matching(db.selectFrom('runs').selectAll(), filter);
  if (filter.cursor !== undefined) query = query.where('id', '<', filter.cursor);
  return query.orderBy('id', 'desc').limit(filter.limit + 1);
}

/** How many runs match: the same filter as listRuns, without paging. */
export async function countRuns(db: Kysely<Database>, filter: RunMatch): Promise<number> {
  const row = await matching(db.selectFrom('runs').select((eb) => eb.fn.countAll<number>().as('count')), filter).executeTakeFirstOrThrow();
  return Number(row.count);
}

function unindexed(column: 'created_at' | 'finished_at') {
  return sql<number>`+${sql.ref(column)}`;
}

/** `query` narrowed to the runs `filter` matches. */
function matching<O>(query: SelectQueryBuilder<Database, 'runs', O>, filter: RunMatch): SelectQueryBuilder<Database, 'runs', O> {
  let narrowed = query;
  if (filter.workflowId !== undefined) narrowed = narrowed.where('workflow_id', '=', filter.workflowId);
  if (filter.status !== undefined) narrowed = narrowed.where('status', '=', filter.status);
  // The times are compared as `+column`, which no index serves: the list keeps walking an index in its own order (the
  // primary key, runs_by_status, runs_by_workflow) and stops at its page. On runs_by_start or runs_by_status_finish
  // (home's charts and the workflows list, migration 0029) SQLite would read and sort every run of the window first:
  // 0.9 s for a week of a million runs.
  if (filter.createdAfter !== undefined) narrowed = narrowed.where(unindexed('created_at'), '>=', filter.createdAfter.getTime());
  if (filter.createdBefore !== undefined) narrowed = narrowed.where(unindexed('created_at'), '<', filter.createdBefore.getTime());
  if (filter.finishedAfter !== undefined) narrowed = narrowed.where(unindexed('finished_at'), '>=', filter.finishedAfter.getTime());
  if (filter.requestId !== undefined) narrowed = narrowed.where('request_id', '=', filter.requestId);
  const eventId = filter.eventId;
  if (eventId !== undefined) narrowed = narrowed.where('id', 'in', (eb) => eb.selectFrom('event_matches').select('event_matches.run_id').where('event_matches.event_id', '=', eventId));
  const about = filter.about;
  if (about !== undefined) narrowed = narrowed.where((eb) => runIsAbout(eb, about));
  const reader = filter.visibleTo;
  if (reader !== undefined) narrowed = narrowed.where((eb) => runVisibleTo(eb, reader));
  return narrowed;
}

export async function listAttempts(db: Kysely<Database>, runId: string, filter: { under?: string } = {}): Promise<AttemptRecord[]> {
  const under = filter.under;
  const rows = await db
    .selectFrom('step_attempts')
    .selectAll()
    .where('run_id', '=', runId)
    .$if(under !== undefined, (qb) => qb.where((eb) => eb.or([eb('step_path', '=', under ?? ''), startsWith(eb, eb.ref('step_path'), `${under ?? ''}/`)])))
    .orderBy('position')
    .execute();
  return rows.map(toAttempt);
}

/** A step's latest attempt in one visit, without its input (a foreach's input holds all its items). */
export async function getAttemptState(db: Kysely<Database>, input: { runId: string; stepPath: string; visit: number }): Promise<Pick<AttemptRecord, 'attempt' | 'status' | 'output'> | undefined> {
  const row = await db
    .selectFrom('step_attempts')
    .select(['attempt', 'status', 'output'])
    .where('run_id', '=', input.runId)
    .where('step_path', '=', input.stepPath)
    .where('visit', '=', input.visit)
    .orderBy('attempt', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row && { attempt: row.attempt, status: row.status, output: fromJson(row.output) };
}

/** Cancels a running or waiting run: it ends like any run, and its request, approval tasks and parent react (run-end/). */
export async function cancelRun(database: DialectDatabase, input: { id: string; now: Date; audit?: AuditOf<RunRecord> }): Promise<RunRecord> {
  return database.transaction(async (trx) => {
    const locked = await lockRun(trx, database.capabilities, input.id);
    const run = await requireRun(trx, input.id);
    const refusal = cancelRefusal(run);
    if (refusal !== undefined) throw refusal;
    const parent = run.parentRunId !== null && run.parentStepPath !== null ? { runId: run.parentRunId, stepPath: run.parentStepPath } : null;
    const end = { status: RunStatus.cancelled, outcome: null, error: null, failedStep: null };
    await finishRun({ trx, capabilities: database.capabilities }, { finished: { runId: run.id, end, requestId: run.requestId, parent, hadApprovalTasks: locked?.has_approval_tasks !== 0, at: input.now } });
    // The parent's step that waited for this run is runnable now.
    if (parent) await database.notifyWork(trx);
    await appendAudit(trx, database.capabilities, input.audit, run);
    return requireRun(trx, input.id);
  });
}

export async function retryRun(database: DialectDatabase, input: { id: string; now: Date; audit?: AuditOf<RunRecord> }): Promise<RunRecord> {
  return database.transaction(async (trx) => {
    await lockRun(trx, database.capabilities, input.id);
    const run = await requireRun(trx, input.id);
    const start = retryStart(run);
    if (start.kind === 'refused') throw start.error;
    const last = await trx
      .selectFrom('step_attempts')
      .select(['visit', 'attempt'])
      .where('run_id', '=', input.id)
      .where('step_path', '=', start.step)
      .orderBy('visit', 'desc')
      .orderBy('attempt', 'desc')
      .limit(1)
      .executeTakeFirst();
    const now = input.now.getTime();
    await trx
      .updateTable('runs')
      .set({ status: RunStatus.running, error: null, failed_step: null, outcome: null, finished_at: null, retry_generation: run.retryGeneration + 1, updated_at: now })
      .where('id', '=', input.id)
      .execute();
    await trx
      .insertInto('work_items')
      .values({ id: newId('wi', input.now), run_id: input.id, step_path: start.step, visit: last?.visit ?? 1, attempt: (last?.attempt ?? 0) + 1, due_at: now, lease_owner: null, lease_until: null, resume: null, created_at: now })
      .execute();
    await database.notifyWork(trx);
    await appendAudit(trx, database.capabilities, input.audit, run);
    return requireRun(trx, input.id);
  });
}
