import type { ErrorRecord } from '../core/errors.ts';
import type { Variables } from '../core/json.ts';
import type { RunsTable, StepAttemptsTable, WorkflowsTable, WorkflowVersionsTable } from './database-schema.ts';
import type { Selectable } from 'kysely';
import { readDefinitionColumn } from './stored-definition-reads.ts';
import type { AttemptRecord, RunRecord, RunTrigger, VersionRecord, WorkflowRecord } from './records.ts';

export function toJson(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}

export function fromJson<T>(text: string | null): T | null {
  return text === null ? null : (JSON.parse(text) as T);
}

function date(ms: number): Date {
  return new Date(ms);
}

export function toWorkflow(row: Selectable<WorkflowsTable>): WorkflowRecord {
  return {
    id: row.id,
    title: row.title,
    status: row.status,
    draft: row.draft === null ? null : readDefinitionColumn({ workflowId: row.id, version: 'draft', format: row.draft_format, text: row.draft }),
    draftHash: row.draft_hash,
    latestVersion: row.latest_version,
    activeVersion: row.active_version,
    triggerType: row.trigger_type,
    createdAt: date(row.created_at),
    updatedAt: date(row.updated_at),
  };
}

export function toVersion(row: Selectable<WorkflowVersionsTable>): VersionRecord {
  return {
    workflowId: row.workflow_id,
    version: row.version,
    definition: readDefinitionColumn({ workflowId: row.workflow_id, version: row.version, format: row.definition_format, text: row.definition }),
    hash: row.hash,
    annotation: row.annotation,
    createdAt: date(row.created_at),
    publishedBy: row.published_by,
  };
}

export function toRun(row: Selectable<RunsTable>): RunRecord {
  return runOf(row, fromJson<Variables>(row.variables) ?? {}, fromJson<RunTrigger>(row.trigger) ?? { type: 'unknown' });
}

/** A run's row columns other than its JSON variables and trigger. */
export type RunColumns = Omit<Selectable<RunsTable>, 'variables' | 'trigger'>;

/** A run from its row's other columns, with its variables and trigger given already parsed. */
export function runOf(row: RunColumns, variables: Variables, trigger: RunTrigger): RunRecord {
  return {
    id: row.id,
    workflowId: row.workflow_id,
    version: row.version,
    status: row.status,
    outcome: row.outcome,
    variables,
    trigger,
    error: fromJson<ErrorRecord>(row.error),
    failedStep: row.failed_step,
    retryGeneration: row.retry_generation,
    parentRunId: row.parent_run_id,
    parentStepPath: row.parent_step_path,
    requestId: row.request_id,
    createdAt: date(row.created_at),
    updatedAt: date(row.updated_at),
    finishedAt: row.finished_at === null ? null : date(row.finished_at),
  };
}

export function toAttempt(row: Selectable<StepAttemptsTable>): AttemptRecord {
  return {
    runId: row.run_id,
    stepPath: row.step_path,
    visit: row.visit,
    attempt: row.attempt,
    stepId: row.step_id,
    stepType: row.step_type,
    status: row.status,
    input: fromJson(row.input),
    output: fromJson(row.output),
    error: fromJson<ErrorRecord>(row.error),
    startedAt: date(row.started_at),
    finishedAt: row.finished_at === null ? null : date(row.finished_at),
  };
}
