import { StoreUnavailableError, toErrorRecord } from '../core/errors.ts';
import { FaultPoint } from '../core/fault-points.ts';
import type { Variables } from '../core/json.ts';
import { isFinal } from '../core/statuses.ts';
import type { ClaimedWork, StepCommit } from '../store/records.ts';
import { commitForFailure, commitForOutcome, failRun } from './commit-for-outcome.ts';
import { crashedWorkerError } from './crashed-worker.ts';
import type { EngineContext } from './engine-context.ts';
import { scopeVariables } from './scope-variables.ts';
import { locateStep, type StepLocation } from './step-graph.ts';
import { StepInputError } from './step-input-error.ts';
import { retryAfterOutage } from './store-outage.ts';
import { runStep } from './steps/step-handlers.ts';

/** The variables expressions see: the run's own, `run` metadata, and those of the step's scope. */
function expressionVariables(work: ClaimedWork, scoped: Variables): Variables {
  const { run } = work;
  return {
    ...run.variables,
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
export async function executeWork(engine: EngineContext, work: ClaimedWork, owner: string): Promise<StepCommit> {
  const startedAt = engine.clock.now();
  const base = { itemId: work.itemId, owner, runId: work.run.id };
  // A run that ended (cancelled, say) while this step was queued does nothing more.
  if (isFinal(work.run.status)) return { ...base, kind: 'dropped' };
  let location: StepLocation;
  let scoped: Variables;
  try {
    const definition = await engine.definitions.get(work.run.workflowId, work.run.version);
    location = locateStep(definition.steps, work.stepPath);
    scoped = await scopeVariables(engine, { runId: work.run.id, path: work.stepPath });
  } catch (error) {
    if (error instanceof StoreUnavailableError) return retryAfterOutage(base, engine.clock.now());
    return failRun({ base, work, step: { id: work.stepPath, type: 'unknown' }, startedAt, finishedAt: engine.clock.now(), error: toErrorRecord(error), input: undefined });
  }
  const crashed = crashedWorkerError(work);
  if (crashed) return commitForFailure({ base, work, location, startedAt, finishedAt: startedAt }, { thrown: crashed, input: undefined });
  try {
    engine.faults?.hit(FaultPoint.stepRun, work.stepPath);
    const outcome = await runStep({
      step: location.step,
      location,
      path: work.stepPath,
      visit: work.visit,
      attempt: work.attempt,
      run: work.run,
      variables: expressionVariables(work, scoped),
      resume: work.resume,
      now: startedAt,
      engine,
    });
    return commitForOutcome({ base, work, location, startedAt, finishedAt: engine.clock.now() }, outcome);
  } catch (thrown) {
    const input = thrown instanceof StepInputError ? thrown.input : undefined;
    const error = thrown instanceof StepInputError ? thrown.cause : thrown;
    if (error instanceof StoreUnavailableError) return retryAfterOutage(base, engine.clock.now());
    const money = thrown instanceof StepInputError ? thrown.money : undefined;
    return commitForFailure({ base, work, location, startedAt, finishedAt: engine.clock.now() }, { thrown: error, input, ...(money === undefined ? {} : { money }) });
  }
}
