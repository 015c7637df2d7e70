/**
 * What a step attempt commits, by what happened: the handler's outcome, or
 * its failure (a retry, `on_error`, or the run's end). Pure: the executor
 * runs the step, this says what to write.
 */
import { isTransient, toErrorRecord, type ErrorRecord } from '../core/errors.ts';
import type { Variables } from '../core/json.ts';
import { AttemptStatus, RunStatus } from '../core/statuses.ts';
import { redactStoredSecrets } from '../core/stored-secrets.ts';
import type { Step } from '../definition/schema.ts';
import type { ClaimedWork, JournalAttempt, StepCommit, VariablesTarget } from '../store/records.ts';
import { retriesAfter, retryDelayMs, retryPolicyOf } from './retry-policy.ts';
import { scopeOwner } from './scope-state.ts';
import { defaultNext, siblingPath, type StepLocation } from './step-graph.ts';
import type { StepOutcome } from './step-outcome.ts';
import type { MoneyCall } from '../store/money-call.ts';
import type { StepWrite } from '../store/step-write.ts';

export type CommitBase = Pick<StepCommit, 'itemId' | 'owner' | 'runId'>;

/** One attempt of a located step: what it commits for, and when it ran. */
export interface LocatedAttempt {
  base: CommitBase;
  work: ClaimedWork;
  location: StepLocation;
  startedAt: Date;
  finishedAt: Date;
}

type StepRef = { id: string; type: string };

function journalRow(work: ClaimedWork, step: StepRef, status: AttemptStatus, times: { startedAt: Date; finishedAt: Date | null }, data: { input?: unknown; output?: unknown; error?: ErrorRecord }): JournalAttempt {
  return {
    stepPath: work.stepPath,
    visit: work.visit,
    attempt: work.attempt,
    stepId: step.id,
    stepType: step.type,
    status,
    // The journal keeps no credential (a PaymentIntent's client_secret): see core/stored-secrets.ts.
    input: redactStoredSecrets(data.input),
    output: redactStoredSecrets(data.output),
    error: data.error ?? null,
    startedAt: times.startedAt,
    finishedAt: times.finishedAt,
  };
}

/**
 * A step's output as the run keeps it in its variables: a Stripe object's
 * credentials (`client_secret`, an ephemeral key's `secret`) are masked, as in
 * the journal; a workflow has no use for them server-side. Other services'
 * answers stay whole, since a later step may need a token they returned.
 */
function variableOf(step: Step, output: unknown): unknown {
  return step.type === 'action' && step.uses.startsWith('stripe.') ? redactStoredSecrets(output) : output;
}

function outputName(step: Step): string {
  return 'output' in step && typeof step.output === 'string' ? step.output : step.id;
}

/** What a step inside an iteration or branch outputs or sets goes to that scope only. */
function variablesTarget(location: StepLocation): VariablesTarget {
  return location.scope === '' ? { kind: 'run' } : { kind: 'scope', scope: location.scope };
}

/** Where a step goes when it is done: the next step, the end of its scope, or (at the top level) the end of the run. */
function moveOn(attempt: LocatedAttempt, row: JournalAttempt, input: { next: string | null; values: Variables; output: unknown; cancelScope: string | null }): StepCommit {
  const { base, location } = attempt;
  const moved = { ...base, kind: 'moved_on', attempt: row, assign: { target: variablesTarget(location), values: input.values }, cancelScope: input.cancelScope } as const;
  if (input.next !== null) return { ...moved, destination: { kind: 'step', stepPath: input.next } };
  if (location.scope === '') {
    return { ...base, kind: 'finished', attempt: row, assign: input.values, end: { status: RunStatus.succeeded, outcome: null, error: null, failedStep: null } };
  }
  return { ...moved, destination: { kind: 'scope_end', scope: location.scope, ownerPath: scopeOwner(location.scope), output: input.output ?? null } };
}

export function commitForOutcome(attempt: LocatedAttempt, outcome: StepOutcome): StepCommit {
  const { base, work, location, startedAt, finishedAt } = attempt;
  const { step } = location;
  const done = { startedAt, finishedAt };
  const waiting = { startedAt, finishedAt: null };
  switch (outcome.kind) {
    case 'continue': {
      const next = outcome.next === undefined ? defaultNext(location) : outcome.next;
      const values: Variables = { ...(step.type === 'set' ? {} : { [outputName(step)]: variableOf(step, outcome.output) }), ...outcome.assign };
      const row = withWrites(withMoney(journalRow(work, step, AttemptStatus.succeeded, done, { input: outcome.input, output: outcome.output }), outcome.money), outcome.writes);
      return moveOn(attempt, row, { next, values, output: outcome.output, cancelScope: outcome.cancelScope ?? null });
    }
    case 'end':
      return {
        ...base,
        kind: 'finished',
        attempt: journalRow(work, step, AttemptStatus.succeeded, done, { input: outcome.input, output: { outcome: outcome.outcome, status: outcome.status } }),
        assign: {},
        end: { status: outcome.status, outcome: outcome.outcome, error: null, failedStep: null },
      };
    case 'sleep':
      return {
        ...base,
        kind: 'slept',
        attempt: journalRow(work, step, AttemptStatus.waiting, waiting, { input: outcome.input }),
        until: outcome.until,
        resume: { until: outcome.until.toISOString() },
      };
    case 'fork':
      return {
        ...base,
        kind: 'forked',
        attempt: journalRow(work, step, AttemptStatus.waiting, waiting, { input: outcome.input, output: outcome.output }),
        opened: outcome.scopes === undefined ? null : { ownerPath: work.stepPath, visit: work.visit, scopes: outcome.scopes },
        steps: outcome.enqueue,
        dueAt: finishedAt,
      };
    case 'park':
      return { ...base, kind: 'parked', attempt: journalRow(work, step, AttemptStatus.waiting, waiting, { input: outcome.input, output: outcome.output }) };
    case 'discard':
      return { ...base, kind: 'dropped' };
    default: {
      const unknown: never = outcome;
      throw new Error(`unknown step outcome ${JSON.stringify(unknown)}`);
    }
  }
}

/** A step threw: a transient failure of an action retries while its policy allows, then `on_error` takes over, else the run fails. */
export function commitForFailure(attempt: LocatedAttempt, failure: { thrown: unknown; input: unknown; money?: MoneyCall }): StepCommit {
  const { base, work, location, startedAt, finishedAt } = attempt;
  const { step } = location;
  const { thrown, input } = failure;
  const row = (status: AttemptStatus, data: { input?: unknown; error?: ErrorRecord }) => withMoney(journalRow(work, step, status, done, data), failure.money);
  const error = { ...toErrorRecord(thrown), step: work.stepPath };
  const done = { startedAt, finishedAt };
  if (step.type === 'action' && isTransient(thrown)) {
    const policy = retryPolicyOf(step.retry);
    if (retriesAfter(policy, work.attempt)) {
      const delay = retryDelayMs(policy, work.attempt, thrown);
      return { ...base, kind: 'retrying', attempt: row(AttemptStatus.retrying, { input, error }), retryAt: new Date(finishedAt.getTime() + delay) };
    }
  }
  if (step.type === 'action' && step.on_error !== undefined) {
    return { ...base, kind: 'moved_on', attempt: row(AttemptStatus.failed, { input, error }), assign: { target: variablesTarget(location), values: { error } }, cancelScope: null, destination: { kind: 'step', stepPath: siblingPath(location, step.on_error) } };
  }
  const failed = failRun({ base, work, step, startedAt, finishedAt, error, input });
  return failure.money === undefined || failed.kind !== 'finished' ? failed : { ...failed, attempt: withMoney(failed.attempt, failure.money) };
}

/** The journal row with the money-moving call it made, when it made one (its commit audits it). */
function withMoney(row: JournalAttempt, money: MoneyCall | undefined): JournalAttempt {
  return money === undefined ? row : { ...row, money };
}

/** The journal row with the rows its operation asked to write in the same commit (an outbox message). */
function withWrites(row: JournalAttempt, writes: StepWrite[] | undefined): JournalAttempt {
  return writes === undefined ? row : { ...row, writes };
}

/** The run fails at this step (also when the step could not even be found). */
export function failRun(input: { base: CommitBase; work: ClaimedWork; step: StepRef; startedAt: Date; finishedAt: Date; error: ErrorRecord; input: unknown }): StepCommit {
  const { work } = input;
  const error = { ...input.error, step: work.stepPath };
  return {
    ...input.base,
    kind: 'finished',
    attempt: journalRow(work, input.step, AttemptStatus.failed, { startedAt: input.startedAt, finishedAt: input.finishedAt }, { input: input.input, error }),
    assign: {},
    end: { status: RunStatus.failed, outcome: null, error, failedStep: work.stepPath },
  };
}
