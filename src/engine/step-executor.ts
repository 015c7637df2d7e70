import { isTransient, StoreUnavailableError, toErrorRecord, type ErrorRecord } from '../core/errors.ts';
import { FaultPoint } from '../core/fault-points.ts';
import type { Variables } from '../core/json.ts';
import { AttemptStatus, isFinal, RunStatus } from '../core/statuses.ts';
import type { Step } from '../definition/schema.ts';
import type { ClaimedWork, StepCommit } from '../store/records.ts';
import { crashedWorkerError } from './crashed-worker.ts';
import type { EngineContext } from './engine-context.ts';
import { retryDelayMs, retryPolicyOf } from './retry-policy.ts';
import { scopeOwner } from './scope-state.ts';
import { scopeVariables } from './scope-variables.ts';
import { defaultNext, locateStep, siblingPath, type StepLocation } from './step-graph.ts';
import { StepInputError } from './step-input-error.ts';
import type { StepOutcome } from './step-outcome.ts';
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
  if (isFinal(work.run.status)) return base;
  let location: StepLocation;
  let scoped: Variables;
  try {
    const definition = await engine.definitions.get(work.run.workflowId, work.run.version);
    location = locateStep(definition.steps, work.stepPath);
    scoped = await scopeVariables(engine, { runId: work.run.id, path: work.stepPath });
  } catch (error) {
    if (error instanceof StoreUnavailableError) return retryAfterOutage(base, work, engine.clock.now());
    return failRun(base, work, { id: work.stepPath, type: 'unknown' }, startedAt, engine.clock.now(), toErrorRecord(error), undefined);
  }
  const { step } = location;
  // What a step inside an iteration or branch outputs or sets goes to that scope only.
  const inScope: CommitBase = location.scope === '' ? base : { ...base, scope: location.scope };
  const crashed = crashedWorkerError(work);
  if (crashed) return commitForFailure(inScope, work, location, crashed, undefined, startedAt, startedAt);
  try {
    engine.faults?.hit(FaultPoint.stepRun, work.stepPath);
    const outcome = await runStep({
      step,
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
    return commitForOutcome(inScope, work, location, outcome, startedAt, engine.clock.now());
  } catch (thrown) {
    const input = thrown instanceof StepInputError ? thrown.input : undefined;
    const error = thrown instanceof StepInputError ? thrown.cause : thrown;
    if (error instanceof StoreUnavailableError) return retryAfterOutage(base, work, engine.clock.now());
    return commitForFailure(inScope, work, location, error, input, startedAt, engine.clock.now());
  }
}

type CommitBase = Pick<StepCommit, 'itemId' | 'owner' | 'runId' | 'scope'>;
type StepRef = { id: string; type: string };

function attemptRow(work: ClaimedWork, step: StepRef, status: AttemptStatus, startedAt: Date, finishedAt: Date | null, data: { input?: unknown; output?: unknown; error?: ErrorRecord | null }) {
  return {
    stepPath: work.stepPath,
    visit: work.visit,
    attempt: work.attempt,
    stepId: step.id,
    stepType: step.type,
    status,
    input: data.input,
    output: data.output,
    error: data.error ?? null,
    startedAt,
    finishedAt,
  };
}

function outputName(step: Step): string {
  return 'output' in step && typeof step.output === 'string' ? step.output : step.id;
}

/** Where a step goes when it is done: the next step, the end of its nested list, or the end of the run. */
function advance(location: StepLocation, next: string | null, output: unknown, at: Date): Pick<StepCommit, 'enqueue' | 'finish' | 'scopeEnd' | 'runStatus'> {
  if (next !== null) return { enqueue: [{ stepPath: next, dueAt: at }], runStatus: RunStatus.running };
  if (location.scope === '') return { finish: { status: RunStatus.succeeded, outcome: null } };
  return { scopeEnd: { scope: location.scope, ownerPath: scopeOwner(location.scope), output: output ?? null }, runStatus: RunStatus.running };
}

function commitForOutcome(base: CommitBase, work: ClaimedWork, location: StepLocation, outcome: StepOutcome, startedAt: Date, finishedAt: Date): StepCommit {
  const { step } = location;
  switch (outcome.kind) {
    case 'continue': {
      const next = outcome.next === undefined ? defaultNext(location) : outcome.next;
      const assign: Variables = { ...(step.type === 'set' ? {} : { [outputName(step)]: outcome.output }), ...outcome.assign };
      return {
        ...base,
        attempt: attemptRow(work, step, AttemptStatus.succeeded, startedAt, finishedAt, { input: outcome.input, output: outcome.output }),
        assign,
        ...(outcome.cancelScope === undefined ? {} : { cancelScope: outcome.cancelScope }),
        ...advance(location, next, outcome.output, finishedAt),
      };
    }
    case 'end':
      return {
        ...base,
        attempt: attemptRow(work, step, AttemptStatus.succeeded, startedAt, finishedAt, { input: outcome.input, output: { outcome: outcome.outcome, status: outcome.status } }),
        finish: { status: outcome.status, outcome: outcome.outcome },
      };
    case 'sleep':
      return {
        ...base,
        attempt: attemptRow(work, step, AttemptStatus.waiting, startedAt, null, { input: outcome.input }),
        reschedule: { dueAt: outcome.until, attempt: work.attempt, resume: { until: outcome.until.toISOString() } },
        runStatus: RunStatus.waiting,
      };
    case 'fork':
      return {
        ...base,
        attempt: attemptRow(work, step, AttemptStatus.waiting, startedAt, null, { input: outcome.input, output: outcome.output }),
        enqueue: outcome.enqueue.map((stepPath) => ({ stepPath, dueAt: finishedAt })),
        ...(outcome.scopes === undefined ? {} : { openScopes: { ownerPath: work.stepPath, visit: work.visit, scopes: outcome.scopes } }),
        runStatus: RunStatus.running,
      };
    case 'park':
      return {
        ...base,
        attempt: attemptRow(work, step, AttemptStatus.waiting, startedAt, null, { input: outcome.input, output: outcome.output }),
        runStatus: RunStatus.waiting,
      };
    case 'discard':
      return base;
    default: {
      const unknown: never = outcome;
      throw new Error(`unknown step outcome ${JSON.stringify(unknown)}`);
    }
  }
}

function commitForFailure(base: CommitBase, work: ClaimedWork, location: StepLocation, thrown: unknown, input: unknown, startedAt: Date, finishedAt: Date): StepCommit {
  const { step } = location;
  const record = { ...toErrorRecord(thrown), step: work.stepPath };
  if (step.type === 'action' && isTransient(thrown)) {
    const policy = retryPolicyOf(step.retry);
    if (work.attempt < policy.attempts) {
      const delay = retryDelayMs(policy, work.attempt, thrown);
      return {
        ...base,
        attempt: attemptRow(work, step, AttemptStatus.retrying, startedAt, finishedAt, { input, error: record }),
        reschedule: { dueAt: new Date(finishedAt.getTime() + delay), attempt: work.attempt + 1 },
        runStatus: RunStatus.running,
      };
    }
  }
  if (step.type === 'action' && step.on_error !== undefined) {
    return {
      ...base,
      attempt: attemptRow(work, step, AttemptStatus.failed, startedAt, finishedAt, { input, error: record }),
      assign: { error: record },
      enqueue: [{ stepPath: siblingPath(location, step.on_error), dueAt: finishedAt }],
      runStatus: RunStatus.running,
    };
  }
  return failRun(base, work, step, startedAt, finishedAt, record, input);
}

function failRun(base: CommitBase, work: ClaimedWork, step: StepRef, startedAt: Date, finishedAt: Date, error: ErrorRecord, input: unknown): StepCommit {
  const record = { ...error, step: work.stepPath };
  return {
    ...base,
    attempt: attemptRow(work, step, AttemptStatus.failed, startedAt, finishedAt, { input, error: record }),
    finish: { status: RunStatus.failed, error: record, failedStep: work.stepPath },
  };
}
