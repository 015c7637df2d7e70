import type { Kysely } from 'kysely';
import { RunStatus } from '../core/statuses.ts';
import type { Database } from './database-schema.ts';

/** A workflow's newest run and its recent failures, for the workflows list. */
export interface WorkflowRunSummary {
  lastRun: { id: string; status: RunStatus; createdAt: Date; finishedAt: Date | null } | null;
  /** Runs that failed (ended failed) at or after the `since` asked for. */
  failedSince: number;
}

/**
 * Per workflow: its newest run and how many of its runs failed since `since`.
 * Three queries whatever the number of workflows: the newest run id per workflow
 * (one index probe each on `runs_by_workflow`), those runs by id, and the failures
 * counted through `runs_by_status_finish`. Workflows without runs are absent.
 */
export async function summarizeWorkflowRuns(db: Kysely<Database>, input: { since: Date }): Promise<Map<string, WorkflowRunSummary>> {
  const newest = await newestRunsQuery(db).execute();
  const runIds = newest.flatMap((row) => (row.run_id === null ? [] : [row.run_id]));
  const runs = runIds.length === 0 ? [] : await db.selectFrom('runs').select(['id', 'workflow_id', 'status', 'created_at', 'finished_at']).where('id', 'in', runIds).execute();
  const failures = await failedSinceQuery(db, input.since).execute();

  const summaries = new Map<string, WorkflowRunSummary>();
  const summaryOf = (workflowId: string): WorkflowRunSummary => {
    let summary = summaries.get(workflowId);
    if (summary === undefined) {
      summary = { lastRun: null, failedSince: 0 };
      summaries.set(workflowId, summary);
    }
    return summary;
  };
  for (const run of runs) {
    summaryOf(run.workflow_id).lastRun = {
      id: run.id,
      status: run.status,
      createdAt: new Date(Number(run.created_at)),
      finishedAt: run.finished_at === null ? null : new Date(Number(run.finished_at)),
    };
  }
  for (const row of failures) summaryOf(row.workflow_id).failedSince = Number(row.count);
  return summaries;
}

/** Each workflow's newest run by creation (the later id on a tie), as the runs list orders them: the first entry of its range of runs_by_workflow. */
export function newestRunsQuery(db: Kysely<Database>) {
  return db
    .selectFrom('workflows')
    .select((eb) => [
      'workflows.id as workflow_id',
      eb.selectFrom('runs').select('runs.id').whereRef('runs.workflow_id', '=', 'workflows.id').orderBy('runs.created_at', 'desc').orderBy('runs.id', 'desc').limit(1).as('run_id'),
    ]);
}

/** Runs failed since `since`, counted per workflow: a range of runs_by_status_finish (migration 0029). */
export function failedSinceQuery(db: Kysely<Database>, since: Date) {
  return db
    .selectFrom('runs')
    .select((eb) => ['workflow_id', eb.fn.countAll<number | string | bigint>().as('count')])
    .where('status', '=', RunStatus.failed)
    .where('finished_at', '>=', since.getTime())
    .groupBy('workflow_id');
}
