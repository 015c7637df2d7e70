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

/**
 * A page of the runs `filter` matches, newest first by creation (the later id first on a tie), and one more to tell
 * whether another page follows. Every shape walks an index in that order and stops at the LIMIT (migration 0030):
 * runs_by_status with a status, runs_by_workflow with a workflow, else runs_by_start; a created-time window is a
 * range of the same index, and a page after a run compares (created_at, id) as one row value, which the index
 * answers in its order. Run ids are no order of creation (a child run's is a hash).
 */
export function runPageQuery(db: Kysely<Database>, filter: RunFilter) {
  const { after, createdBefore } = filter;
  // A page inside a window starts at its cursor, not at the window's end: a database enters the index at one bound,
  // and with both it takes the window's and reads every earlier page again before it reaches this one.
  const ends = after !== undefined && createdBefore !== undefined && after.createdAt < createdBefore.getTime();
  let query = matching(db.selectFrom('runs').selectAll(), ends ? { ...filter, createdBefore: undefined } : filter);
  if (after !== undefined) query = query.where((eb) => eb(eb.refTuple('created_at', 'id'), '<', eb.tuple(after.createdAt, after.id)));
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit + 1);
}

/** How many runs match: the same filter as listRuns, without paging. */
export async function countRuns(db: Kysely<Database>, filter: RunMatch): Promise<number> {
  const row = await matching(db.selectFrom('runs').select((eb) => eb.fn.countAll<number>().as('count')), filter).executeTakeFirstOrThrow();
  return Number(row.count);
}

/** `query` narrowed to the runs `filter` matches. */
function matching<O>(query: SelectQueryBuilder<Database, 'runs', O>, filter: RunMatch): SelectQueryBuilder<Database, 'runs', O> {
  let narrowed = query;
  // The runs of an event, about a Stripe object or of a request are a handful, read by id (or runs_by_request) and
  // sorted. Their workflow, status and created time are compared in forms no index serves (`column || ''`,
  // `+created_at`): else SQLite walks every run of the status (or workflow, or window) in page order, checking each
  // against the handful.
  const few = filter.eventId !== undefined || filter.about !== undefined || filter.requestId !== undefined;
  const text = (column: 'workflow_id' | 'status') => (few ? sql<string>`${sql.ref(column)} || ''` : sql.ref(column));
  const createdAt = few ? sql<number>`+${sql.ref('created_at')}` : sql.ref('created_at');
  if (filter.workflowId !== undefined) narrowed = narrowed.where(text('workflow_id'), '=', filter.workflowId);
  if (filter.status !== undefined) narrowed = narrowed.where(text('status'), '=', filter.status);
  if (filter.createdAfter !== undefined) narrowed = narrowed.where(createdAt, '>=', filter.createdAfter.getTime());
  if (filter.createdBefore !== undefined) narrowed = narrowed.where(createdAt, '<', filter.createdBefore.getTime());
  // The finished time is compared as `+finished_at`, which no index serves: home's list of the runs failed in the
  // last 24 hours keeps walking runs_by_status in page order and stops at its page. On runs_by_status_finish (the
  // workflows list's count, migration 0029) SQLite would read and sort every failed run of the window first.
  if (filter.finishedAfter !== undefined) narrowed = narrowed.where(sql<number>`+${sql.ref('finished_at')}`, '>=', filter.finishedAfter.getTime());
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
