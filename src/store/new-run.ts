import type { Selectable } from 'kysely';
import { RunStatus } from '../core/statuses.ts';
import type { RunsTable } from './database-schema.ts';
import type { ClaimedWork, NewRun, RunRecord } from './records.ts';
import { preparedInsert } from './prepared-insert.ts';
import { toJson } from './row-mappers.ts';

/**
 * A new run's row as `insertRuns` writes it, the columns' defaults included:
 * what a read of it in the inserting transaction would find.
 */
/** Runs' rows, many in one statement (prepared-insert.ts). */
export const insertRunRows = preparedInsert<Selectable<RunsTable>>((db, rows) => db.insertInto('runs').values(rows));

export function newRunRow(run: NewRun): Selectable<RunsTable> {
  return {
    id: run.id,
    workflow_id: run.workflowId,
    version: run.version,
    status: RunStatus.running,
    outcome: null,
    variables: toJson(run.variables) ?? '{}',
    trigger: toJson(run.trigger) ?? '{}',
    error: null,
    failed_step: null,
    parent_run_id: run.parentRunId ?? null,
    parent_step_path: run.parentStepPath ?? null,
    request_id: run.requestId ?? null,
    created_at: run.createdAt.getTime(),
    updated_at: run.createdAt.getTime(),
    finished_at: null,
    retry_generation: 0,
    last_position: 0,
    has_approval_tasks: 0,
  };
}

/** A new run's first step (work item `itemId`), as the worker it is leased to runs it: with the run as inserted, no claim needed. */
export function firstStepWork(run: NewRun, itemId: string): ClaimedWork {
  return { itemId, stepPath: run.firstStep, visit: 1, attempt: 1, resume: null, leaseExpiries: 0, run: newRunRecord(run) };
}

/**
 * The run `newRunRow` inserts, as a read of it finds it, built from the new run itself: its variables and
 * trigger are the ones it was made with (JSON values already), not a copy serialized and parsed again.
 */
function newRunRecord(run: NewRun): RunRecord {
  return {
    id: run.id,
    workflowId: run.workflowId,
    version: run.version,
    status: RunStatus.running,
    outcome: null,
    variables: run.variables,
    trigger: run.trigger,
    error: null,
    failedStep: null,
    retryGeneration: 0,
    parentRunId: run.parentRunId ?? null,
    parentStepPath: run.parentStepPath ?? null,
    requestId: run.requestId ?? null,
    createdAt: run.createdAt,
    updatedAt: run.createdAt,
    finishedAt: null,
  };
}
