import { isTransient, toErrorRecord, type ErrorRecord } from '../core/errors.ts';
import type { Variables } from '../core/json.ts';
import { AttemptStatus, RunStatus } from '../core/statuses.ts';
import type { Step } from '../definition/schema.ts';
import type { ClaimedWork, StepCommit } from '../store/records.ts';
import type { EngineContext } from './engine-context.ts';
import { retryDelayMs, retryPolicyOf } from './retry-policy.ts';
import { defaultNext, locateStep, siblingPath, type StepLocation } from './step-graph.ts';
import { StepInputError } from './step-input-error.ts';
import type { StepOutcome } from './step-outcome.ts';
import { runStep } from './steps/step-handlers.ts';

/** The variables expressions see: the run's own, plus `run` metadata. */
export function expressionVariables(work: ClaimedWork): Variables {
  const { run } = work;
  return {
    ...run.variables,
    run: { id: run.id, workflow: run.workflowId, version: run.version, started_at: run.createdAt.toISOString() },
  };
}

/**
 * Runs one claimed step and says what to write: the journal row, variables,
 * the next runnable steps or the run's end. Never throws for a step failure:
 * failures are data in the commit.
 */
export async function executeWork(engine: EngineContext, work: ClaimedWork, owner: string): Promise<StepCommit> {
  const startedAt = engine.clock.now();
  const base = { itemId: work.itemId, owner, runId: work.run.id };
  let location: StepLocation;
  try {
    const definition = await engine.definitions.get(work.run.workflowId, work.run.version);
    location = locateStep(definition.steps, work.stepPath);
  } catch (error) {
    return failRun(base, work, { id: work.stepPath, type: 'unknown' }, startedAt, engine.clock.now(), toErrorRecord(error), undefined);
  }
  const { step } = location;
  try {
    const outcome = await runStep({
      step,
      location,
      path: work.stepPath,
      attempt: work.attempt,
      run: work.run,
      variables: expressionVariables(work),
      resume: work.resume,
      now: startedAt,
      engine,
    });
    return commitForOutcome(base, work, location, outcome, startedAt, engine.clock.now());
  } catch (thrown) {
    const input = thrown instanceof StepInputError ? thrown.input : undefined;
    const error = thrown instanceof StepInputError ? thrown.cause : thrown;
    return commitForFailure(base, work, location, error, input, startedAt, engine.clock.now());
  }
}

type CommitBase = Pick<StepCommit, 'itemId' | 'owner' | 'runId'>;

function attemptRow(work: ClaimedWork, step: { id: string; type: string }, status: AttemptStatus, startedAt: Date, finishedAt: Date | null, data: { input?: unknown; output?: unknown; error?: ErrorRecord | null }) {
  return {
    stepPath: work.stepPath,
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
        ...(next === null
          ? { finish: { status: RunStatus.succeeded, outcome: null } }
          : { enqueue: [{ stepPath: next, dueAt: finishedAt }], runStatus: RunStatus.running }),
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
    case 'park':
      return {
        ...base,
        attempt: attemptRow(work, step, AttemptStatus.waiting, startedAt, null, { input: outcome.input, output: outcome.output }),
        runStatus: RunStatus.waiting,
      };
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

function failRun(base: CommitBase, work: ClaimedWork, step: { id: string; type: string }, startedAt: Date, finishedAt: Date, error: ErrorRecord, input: unknown): StepCommit {
  const record = { ...error, step: work.stepPath };
  return {
    ...base,
    attempt: attemptRow(work, step, AttemptStatus.failed, startedAt, finishedAt, { input, error: record }),
    finish: { status: RunStatus.failed, error: record, failedStep: work.stepPath },
  };
}
