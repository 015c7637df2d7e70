/**
 * Steps with no side effect and no wait (decision, set, end) run in the
 * commit of the step before them: when a step moves on to one in the same
 * step list, the executor runs it at once, in memory, with the variables as
 * that commit leaves them, and folds its journal row, variables and
 * destination into the commit. One commit where there were several; every
 * step keeps its journal row.
 */
import { FaultPoint } from '../core/fault-points.ts';
import type { Variables } from '../core/json.ts';
import type { Step } from '../definition/schema.ts';
import type { ClaimedWork, InlinedAttempt, JournalAttempt, StepCommit, VariablesTarget } from '../store/records.ts';
import { commitForOutcome, type CommitBase } from './commit-for-outcome.ts';
import type { EngineContext } from './engine-context.ts';
import { locateStep, type StepLocation } from './step-graph.ts';
import type { StepOutcome } from './step-outcome.ts';
import { isPureStep, runPureStep, type PureStep } from './steps/pure-steps.ts';

/** At most this many steps run in a commit after its own step: a decision loop that never ends still commits between rounds (and a cancel stops it). */
export const MAX_INLINED_STEPS = 16;

type MovedOn = Extract<StepCommit, { kind: 'moved_on' }>;

export interface InlineInput {
  engine: EngineContext;
  work: ClaimedWork;
  steps: Step[];
  /** The variables of the scopes the committing step sits in, as it read them. */
  scoped: Variables;
  /** What expressions see, from the run's variables and the scopes'. */
  expressionVariables: (runVariables: Variables, scoped: Variables) => Variables;
}

/** The variables as a commit leaves them, by where its values go: the stored round trip included (a key set to undefined is gone). */
interface VariablesView {
  run: Variables;
  scoped: Variables;
}

function assigned(view: VariablesView, assign: { target: VariablesTarget; values: Variables }): VariablesView {
  const stored = (values: Variables) => JSON.parse(JSON.stringify(values)) as Variables;
  return assign.target.kind === 'run' ? { ...view, run: stored({ ...view.run, ...assign.values }) } : { ...view, scoped: stored({ ...view.scoped, ...assign.values }) };
}

/**
 * The next step to run in this commit: a pure step in the step list the commit's variables go to. An end
 * step inside a branch or iteration is left to run on its own (its commit ends the run, and this commit's
 * variables belong to the scope).
 */
function inlinable(commit: StepCommit, steps: Step[]): { commit: MovedOn; path: string; location: StepLocation & { step: PureStep } } | undefined {
  if (commit.kind !== 'moved_on' || commit.destination.kind !== 'step') return undefined;
  const path = commit.destination.stepPath;
  let location: StepLocation;
  try {
    location = locateStep(steps, path);
  } catch {
    return undefined; // Not found: it fails the run on its own, as it always did.
  }
  const { step } = location;
  if (!isPureStep(step)) return undefined;
  const target = commit.assign.target;
  const sameList = target.kind === 'run' ? location.scope === '' : location.scope === target.scope;
  if (!sameList || (step.type === 'end' && location.scope !== '')) return undefined;
  return { commit, path, location: { ...location, step } };
}

function inlinedRow(row: JournalAttempt): InlinedAttempt {
  return {
    stepPath: row.stepPath,
    stepId: row.stepId,
    stepType: row.stepType,
    status: row.status,
    input: row.input,
    output: row.output,
    error: row.error,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
  };
}

/** `commit` with the next step folded in: its row after the others, variables merged in order, its destination or end. */
function folded(commit: MovedOn, next: StepCommit): StepCommit | undefined {
  if (next.kind !== 'moved_on' && next.kind !== 'finished') return undefined;
  const inlined = [...(commit.inlined ?? []), inlinedRow(next.attempt)];
  if (next.kind === 'moved_on') {
    if (next.cancelScope !== null) return undefined;
    return { ...commit, inlined, assign: { target: commit.assign.target, values: { ...commit.assign.values, ...next.assign.values } }, destination: next.destination };
  }
  // The run ends: what the commit set goes to the run's variables, which only a top-level step list sets.
  if (commit.assign.target.kind !== 'run') return undefined;
  return { ...baseOf(commit), kind: 'finished', attempt: commit.attempt, inlined, assign: { ...commit.assign.values, ...next.assign }, end: next.end };
}

/**
 * Runs the pure steps that follow `commit` in the same step list, up to {@link MAX_INLINED_STEPS}, and
 * returns the commit with them folded in. A step that throws is not folded: the commit enqueues it, and it
 * runs (and fails, or takes its `on_error`) as its own work item, as if it had never been tried here.
 */
export async function inlinePureSteps(input: InlineInput, commit: StepCommit): Promise<StepCommit> {
  const { engine, work, steps } = input;
  if (commit.kind !== 'moved_on') return commit;
  let current: StepCommit = commit;
  let view: VariablesView = { run: work.run.variables, scoped: input.scoped };
  let assign = commit.assign;
  for (let count = 0; count < MAX_INLINED_STEPS; count += 1) {
    const next = inlinable(current, steps);
    if (next === undefined) return current;
    const { location, path } = next;
    const startedAt = engine.clock.now();
    let outcome: StepOutcome;
    try {
      // Values the store could not keep fail the commit: that is not this step's to find.
      view = assigned(view, assign);
      engine.faults?.hit(FaultPoint.stepRun, path);
      outcome = await runPureStep({ step: location.step, location, variables: input.expressionVariables(view.run, view.scoped), engine });
    } catch {
      return current;
    }
    // The row's visit is the commit's to count (0 here is never written); a pure step only has a first attempt.
    const stepWork: ClaimedWork = { ...work, stepPath: path, visit: 0, attempt: 1, resume: null, leaseExpiries: 0 };
    const stepCommit = commitForOutcome({ base: baseOf(current), work: stepWork, location, startedAt, finishedAt: engine.clock.now() }, outcome);
    const merged = folded(next.commit, stepCommit);
    if (merged === undefined) return current;
    current = merged;
    if (stepCommit.kind === 'moved_on') assign = stepCommit.assign;
  }
  return current;
}

function baseOf(commit: StepCommit): CommitBase {
  return { itemId: commit.itemId, owner: commit.owner, runId: commit.runId };
}
