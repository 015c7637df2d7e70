import { ConflictError, InvalidInputError, NotFoundError } from '../core/errors.ts';
import { newId } from '../core/ids.ts';
import type { Variables } from '../core/json.ts';
import { isFinal, WorkflowStatus } from '../core/statuses.ts';
import { checkFieldValues } from '../definition/field-values.ts';
import type { Field, WorkflowDocument } from '../definition/schema.ts';
import type { CreatedRuns, NewRun, RunRecord, RunTrigger, StepCommit } from '../store/records.ts';
import type { EngineContext } from './engine-context.ts';
import { handOffRunsWithFirstSteps } from './run-handoff.ts';
import { firstStepPath } from './step-graph.ts';

export interface StartRunRequest {
  workflowId: string;
  /** Trigger data: declared fields for manual and form triggers, `{event, object}` for events. */
  input: Variables;
  trigger: RunTrigger;
  /** A pinned version; default the workflow's active version. */
  version?: number;
  requestId?: string;
  parentRunId?: string;
  parentStepPath?: string;
}

/** Checks a start request and builds the run to insert, pinned to its version. */
export async function prepareRun(engine: EngineContext, request: StartRunRequest): Promise<NewRun> {
  const workflow = await engine.store.getWorkflow(request.workflowId);
  if (!workflow) {
    throw new NotFoundError('workflow_not_found', `no workflow "${request.workflowId}"; list them with \`tollgate workflows list\``, { path: 'workflow' });
  }
  if (workflow.status !== WorkflowStatus.active) {
    throw new ConflictError('workflow_not_active', `workflow "${workflow.id}" is ${workflow.status}; activate it (or apply it) before starting runs`);
  }
  const version = request.version ?? workflow.activeVersion ?? workflow.latestVersion;
  const definition = await engine.definitions.get(workflow.id, version);
  const variables = checkInput(definition, request.input);
  const now = engine.clock.now();
  return {
    id: newId('run', now),
    workflowId: workflow.id,
    version,
    variables,
    trigger: request.trigger,
    firstStep: firstStepPath(definition.steps),
    ...(request.requestId === undefined ? {} : { requestId: request.requestId }),
    ...(request.parentRunId === undefined ? {} : { parentRunId: request.parentRunId }),
    ...(request.parentStepPath === undefined ? {} : { parentStepPath: request.parentStepPath }),
    createdAt: now,
  };
}

/** Starts one run now. */
export async function startRun(engine: EngineContext, request: StartRunRequest): Promise<RunRecord> {
  return (await insertRun(engine, await prepareRun(engine, request))).run;
}

/**
 * Inserts a prepared run (not a child's: workflow-step.ts) and gives it back as
 * written. Its first step, when it writes only in its commit, commits with the
 * run (run-handoff.ts); else it is handed to the local worker, or `queued`
 * (not handed, not ended) for any worker. `write` is the store's write: `createRuns`, or one that inserts
 * more with the run (a request).
 */
export async function insertRun(
  engine: EngineContext,
  run: NewRun,
  write: (runs: NewRun[], firstSteps: readonly StepCommit[]) => Promise<CreatedRuns> = (runs, firstSteps) => engine.store.createRuns(runs, { firstSteps }),
): Promise<{ run: RunRecord; queued: boolean }> {
  const created = await handOffRunsWithFirstSteps(engine, [run], write);
  const [handed] = created.leased;
  // A run handed to the local worker as inserted is known; one that moved on or ended, or was queued, is read back.
  if (handed !== undefined && created.committed.commits.length === 0) return { run: handed.run, queued: false };
  const written = await engine.store.getRun(run.id);
  if (!written) throw new NotFoundError('run_not_found', `run ${run.id} vanished after it was created`);
  return { run: written, queued: handed === undefined && !isFinal(written.status) };
}

function declaredFields(definition: WorkflowDocument): readonly Field[] | undefined {
  const trigger = definition.trigger;
  if (trigger.type === 'manual') return trigger.input;
  if (trigger.type === 'form') return trigger.form;
  return undefined;
}

function checkInput(definition: WorkflowDocument, input: Variables): Variables {
  const fields = declaredFields(definition);
  if (!fields) return input;
  const { values, issues } = checkFieldValues(fields, input);
  if (issues.length > 0) {
    throw new InvalidInputError(
      'input_invalid',
      `the input for workflow "${definition.id}" has ${issues.length} problem(s): ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`,
      issues,
      { path: issues[0]?.path ?? 'input' },
    );
  }
  return values;
}
