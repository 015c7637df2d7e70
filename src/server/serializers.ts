/**
 * Records to response bodies, in one place: snake_case keys, times as ISO
 * strings, ids of related records under the related record's name
 * (`workflow`, `parent_run`), secrets in definitions masked. Typed by
 * response-schemas.ts.
 */
import type { ApplyResult } from '../application/apply-definitions.ts';
import { maskDefinitionSecrets } from '../application/secret-masking.ts';
import type { Issue } from '../core/errors.ts';
import type { AttemptRecord, RunRecord, VersionRecord, WorkflowRecord } from '../store/records.ts';
import type {
  IssueBody,
  RunBody,
  TitledRunBody,
  StepAttemptBody,
  VersionBody,
  VersionSummaryBody,
  WorkflowBody,
  WorkflowSummaryBody,
} from './response-schemas.ts';

export function serializeWorkflowSummary(workflow: WorkflowRecord): WorkflowSummaryBody {
  return {
    id: workflow.id,
    title: workflow.title,
    status: workflow.status,
    latest_version: workflow.latestVersion,
    active_version: workflow.activeVersion,
    trigger_type: workflow.triggerType,
    created_at: workflow.createdAt.toISOString(),
    updated_at: workflow.updatedAt.toISOString(),
  };
}

export function serializeWorkflow(workflow: WorkflowRecord): WorkflowBody {
  return { ...serializeWorkflowSummary(workflow), draft: maskDefinitionSecrets(workflow.draft), draft_hash: workflow.draftHash };
}

export function serializeVersionSummary(version: VersionRecord): VersionSummaryBody {
  return {
    workflow: version.workflowId,
    version: version.version,
    annotation: version.annotation,
    hash: version.hash,
    created_at: version.createdAt.toISOString(),
    published_by: version.publishedBy,
  };
}

export function serializeVersion(version: VersionRecord): VersionBody {
  const { trigger } = version.definition;
  return { ...serializeVersionSummary(version), definition: maskDefinitionSecrets(version.definition), manual_input: trigger.type === 'manual' ? trigger.input : null };
}

export function serializeRun(run: RunRecord): RunBody {
  return {
    id: run.id,
    workflow: run.workflowId,
    version: run.version,
    status: run.status,
    outcome: run.outcome,
    variables: run.variables,
    trigger: run.trigger,
    error: run.error,
    failed_step: run.failedStep,
    retry_generation: run.retryGeneration,
    parent_run: run.parentRunId,
    parent_step: run.parentStepPath,
    request: run.requestId,
    created_at: run.createdAt.toISOString(),
    updated_at: run.updatedAt.toISOString(),
    finished_at: run.finishedAt?.toISOString() ?? null,
  };
}

/**
 * A run for its page or a list, named for people: `workflow` is its workflow's title (application/workflow-titles.ts),
 * `failedStep` the title of the step it failed at, null for none (application/step-titles.ts).
 */
export function serializeTitledRun(run: RunRecord, titles: { workflow: string; failedStep: string | null }): TitledRunBody {
  return { ...serializeRun(run), workflow_title: titles.workflow, failed_step_title: titles.failedStep };
}

/** An attempt in a run's timeline; `titles` are its run's step titles by path (runStepTitles of application/step-titles.ts). */
export function serializeStepAttempt(attempt: AttemptRecord, titles: ReadonlyMap<string, string>): StepAttemptBody {
  return {
    step_path: attempt.stepPath,
    step_id: attempt.stepId,
    step_title: titles.get(attempt.stepPath) ?? null,
    step_type: attempt.stepType,
    visit: attempt.visit,
    attempt: attempt.attempt,
    status: attempt.status,
    input: attempt.input,
    output: attempt.output,
    error: attempt.error,
    started_at: attempt.startedAt.toISOString(),
    finished_at: attempt.finishedAt?.toISOString() ?? null,
    duration_ms: attempt.finishedAt ? attempt.finishedAt.getTime() - attempt.startedAt.getTime() : null,
  };
}

export function serializeApplyResult(result: ApplyResult): ApplyResult {
  return { kind: result.kind, id: result.id, action: result.action, ...(result.version === undefined ? {} : { version: result.version }) };
}

/** An input problem, with the definition document and file position when it has them. */
export function serializeIssue(issue: Issue & { document?: unknown; keys?: unknown; location?: unknown; severity?: unknown }): IssueBody {
  return {
    path: issue.path,
    message: issue.message,
    ...(typeof issue.document === 'string' ? { document: issue.document } : {}),
    ...(isPathKeys(issue.keys) ? { keys: [...issue.keys] } : {}),
    ...(typeof issue.location === 'string' ? { location: issue.location } : {}),
    ...(issue.severity === 'error' || issue.severity === 'warning' ? { severity: issue.severity } : {}),
  };
}

/** `{warnings}` for a definitions answer when there are some; nothing otherwise, so the answer keeps its shape. */
export function warningsBody(warnings: readonly Issue[]): { warnings?: IssueBody[] } {
  return warnings.length === 0 ? {} : { warnings: warnings.map(serializeIssue) };
}

function isPathKeys(keys: unknown): keys is readonly (string | number)[] {
  return Array.isArray(keys) && keys.every((key) => typeof key === 'string' || typeof key === 'number');
}
