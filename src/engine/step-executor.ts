import { StoreUnavailableError, toErrorRecord } from '../core/errors.ts';
import { FaultPoint } from '../core/fault-points.ts';
import type { Variables } from '../core/json.ts';
import type { TraceSpan } from '../core/tracing.ts';
import { isFinal } from '../core/statuses.ts';
import type { Step } from '../definition/schema.ts';
import type { ClaimedWork, RunRecord, StepCommit } from '../store/records.ts';
import { commitForFailure, commitForOutcome, failRun } from './commit-for-outcome.ts';
import { crashedWorkerError } from './crashed-worker.ts';
import type { EngineContext } from './engine-context.ts';
import { inlinePureSteps } from './inline-steps.ts';
import { scopeVariables } from './scope-variables.ts';
import { locateStep, type StepLocation } from './step-graph.ts';
import { StepInputError } from './step-input-error.ts';
import { retryAfterOutage } from './store-outage.ts';
import { runStep } from './steps/step-handlers.ts';

/** The variables expressions see: the run's own, `run` metadata, and those of the step's scope. */
function expressionVariables(run: RunRecord, runVariables: Variables, scoped: Variables): Variables {
  return {
    ...runVariables,
    ...scoped,
    run: { id: run.id, workflow: run.workflowId, version: run.version, started_at: run.createdAt.toISOString() },
  };
}

/**
 * Runs one claimed step and says what to write: the journal row, variables,
 * the next runnable steps or the run's end. Never throws for a step failure:
 * failures are data in the commit. A database outage is not a step failure:
 * the step runs again later, and the run goes on.
 */
export function executeWork(engine: EngineContext, work: ClaimedWork, owner: string): Promise<StepCommit> {
  const tracing = engine.tracing;
  if (tracing === undefined || !tracing.enabled) return executeAttempt(engine, work, owner, undefined);
  const attributes = { 'tollgate.run.id': work.run.id, 'tollgate.workflow.id': work.run.workflowId, 'tollgate.workflow.version': work.run.version, 'tollgate.step.path': work.stepPath, 'tollgate.step.attempt': work.attempt };
  return tracing.span(`step ${work.run.workflowId}`, attributes, async (span) => {
    const commit = await executeAttempt(engine, work, owner, span);
    span.set({ 'tollgate.step.outcome': commit.kind });
    if ('attempt' in commit) {
      const { attempt } = commit;
      span.rename(`step ${work.run.workflowId}/${attempt.stepId}`);
      span.set({ 'tollgate.step.id': attempt.stepId, 'tollgate.step.type': attempt.stepType, 'tollgate.step.status': attempt.status });
      if (attempt.error !== null) span.fail(attempt.error);
    }
    return commit;
  });
}

async function executeAttempt(engine: EngineContext, work: ClaimedWork, owner: string, span: TraceSpan | undefined): Promise<StepCommit> {
  const startedAt = engine.clock.now();
  const base = { itemId: work.itemId, owner, runId: work.run.id };
  // A run that ended (cancelled, say) while this step was queued does nothing more.
  if (isFinal(work.run.status)) return { ...base, kind: 'dropped' };
  let steps: Step[];
  let location: StepLocation;
  let scoped: Variables;
  try {
    steps = (await engine.definitions.get(work.run.workflowId, work.run.version)).steps;
    location = locateStep(steps, work.stepPath);
    scoped = await scopeVariables(engine, { runId: work.run.id, path: work.stepPath });
  } catch (error) {
    if (error instanceof StoreUnavailableError) return retryAfterOutage(base, engine.clock.now());
    return failRun({ base, work, step: { id: work.stepPath, type: 'unknown' }, startedAt, finishedAt: engine.clock.now(), error: toErrorRecord(error), input: undefined });
  }
  const crashed = crashedWorkerError(work);
  if (crashed) return commitForFailure({ base, work, location, startedAt, finishedAt: startedAt }, { thrown: crashed, input: undefined });
  let commit: StepCommit;
  try {
    engine.faults?.hit(FaultPoint.stepRun, work.stepPath);
    const outcome = await runStep({
      step: location.step,
      location,
      path: work.stepPath,
      visit: work.visit,
      attempt: work.attempt,
      run: work.run,
      variables: expressionVariables(work.run, work.run.variables, scoped),
      resume: work.resume,
      now: startedAt,
      engine,
      ...(span === undefined ? {} : { span }),
    });
    commit = commitForOutcome({ base, work, location, startedAt, finishedAt: engine.clock.now() }, outcome);
  } catch (thrown) {
    const input = thrown instanceof StepInputError ? thrown.input : undefined;
    const error = thrown instanceof StepInputError ? thrown.cause : thrown;
    if (error instanceof StoreUnavailableError) return retryAfterOutage(base, engine.clock.now());
    const money = thrown instanceof StepInputError ? thrown.money : undefined;
    commit = commitForFailure({ base, work, location, startedAt, finishedAt: engine.clock.now() }, { thrown: error, input, ...(money === undefined ? {} : { money }) });
  }
  // The side-effect-free steps that follow go in the same commit.
  const variablesOf = (runVariables: Variables, within: Variables) => expressionVariables(work.run, runVariables, within);
  return inlinePureSteps({ engine, work, steps, scoped, expressionVariables: variablesOf }, commit);
}
