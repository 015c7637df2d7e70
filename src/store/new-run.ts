import type { Selectable } from 'kysely';
import { RunStatus } from '../core/statuses.ts';
import type { RunsTable } from './database-schema.ts';
import type { ClaimedWork, NewRun } from './records.ts';
import { preparedInsert } from './prepared-insert.ts';
import { runOf, toJson, type RunColumns } from './row-mappers.ts';

/** Runs' rows, many in one statement (prepared-insert.ts). */
export const insertRunRows = preparedInsert<Selectable<RunsTable>>((db, rows) => db.insertInto('runs').values(rows));

/**
 * A new run's row as `insertRuns` writes it, the columns' defaults included:
 * what a read of it in the inserting transaction would find.
 */
export function newRunRow(run: NewRun): Selectable<RunsTable> {
  return { ...newRunColumns(run), variables: toJson(run.variables) ?? '{}', trigger: toJson(run.trigger) ?? '{}' };
}

/**
 * A new run's first step (work item `itemId`), as the worker it is leased to runs it: with the run as inserted, no
 * claim needed. Its variables and trigger are the ones the run was made with (JSON values already), not a copy
 * serialized and parsed again.
 */
export function firstStepWork(run: NewRun, itemId: string): ClaimedWork {
  return { itemId, stepPath: run.firstStep, visit: 1, attempt: 1, resume: null, leaseExpiries: 0, run: runOf(newRunColumns(run), run.variables, run.trigger) };
}

/** A new run's columns but its JSON ones: the defaults in one place, for its row and for its record. */
function newRunColumns(run: NewRun): RunColumns {
  return {
    id: run.id,
    workflow_id: run.workflowId,
    version: run.version,
    status: RunStatus.running,
    outcome: null,
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
