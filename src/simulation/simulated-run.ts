/**
 * A simulated run read back from the throwaway store's journal, in the
 * terms of the preview API: status, path over the graph, and each step with
 * its rendered input, simulated output and the side effect it stands for.
 */
import { AttemptStatus, RunStatus } from '../core/statuses.ts';
import type { Step, WorkflowDocument } from '../definition/schema.ts';
import { nestedStepLists } from '../definition/workflow-graph.ts';
import type { AttemptRecord, RunRecord } from '../store/records.ts';
import type { Store } from '../store/store.ts';
import { WAKE_STEP_TYPE } from '../store/work-queue-queries.ts';
import { EffectTally, type Effect } from './simulation-effects.ts';
import { EffectKind, type CallRecorder, type SimulatedEmail } from './simulated-operations.ts';

export const SimulatedRunStatus = { completed: 'completed', failed: 'failed', waiting: 'waiting', cancelled: 'cancelled' } as const;
export type SimulatedRunStatus = (typeof SimulatedRunStatus)[keyof typeof SimulatedRunStatus];

export type SimulatedStepStatus = 'succeeded' | 'failed' | 'waiting';

export interface SimulatedStep {
  path: string;
  node: string;
  step: string;
  type: string;
  uses: string | null;
  status: SimulatedStepStatus;
  input: unknown;
  output: unknown;
  effect: EffectKind;
  money: { amount: number | null; currency: string | null } | null;
  email: SimulatedEmail | null;
  error: { code: string; message: string } | null;
}

export interface SimulatedRun {
  status: SimulatedRunStatus;
  outcome: string | null;
  error: { code: string; message: string; step: string | null } | null;
  path: string[];
  steps: SimulatedStep[];
  effects: Effect[];
}

/** The run as the preview reports it. */
export async function simulatedRun(store: Store, recorder: CallRecorder, definition: WorkflowDocument, runId: string): Promise<SimulatedRun> {
  const run = await store.getRun(runId);
  if (!run) throw new Error(`simulated run ${runId} vanished`);
  const attempts = await store.listAttempts(runId);
  return describeRun(run, attempts, recorder, definition);
}

/** The run's status, path and effects only (a backtest's row), from the same journal. */
export async function simulatedRunSummary(store: Store, recorder: CallRecorder, definition: WorkflowDocument, runId: string): Promise<Omit<SimulatedRun, 'steps'>> {
  const { steps: _, ...summary } = await simulatedRun(store, recorder, definition, runId);
  return summary;
}

function describeRun(run: RunRecord, attempts: readonly AttemptRecord[], recorder: CallRecorder, definition: WorkflowDocument): SimulatedRun {
  const calls = recorder.callsOf(run.id);
  const latest = new Map<string, AttemptRecord>();
  for (const attempt of attempts) {
    // A wake row notes who ended a wait early; it is no attempt of the step.
    if (attempt.stepType === WAKE_STEP_TYPE) continue;
    const key = `${attempt.stepPath}#${attempt.visit}`;
    const seen = latest.get(key);
    if (seen === undefined || attempt.attempt >= seen.attempt) latest.set(key, attempt);
  }
  const tally = new EffectTally();
  const path: string[] = [];
  const steps: SimulatedStep[] = [];
  for (const attempt of latest.values()) {
    const node = graphNodeId(definition.steps, attempt.stepPath);
    if (!path.includes(node)) path.push(node);
    const call = calls.get(attempt.stepPath);
    const action = findStep(definition.steps, attempt.stepPath);
    if (call?.sideEffect && attempt.status === AttemptStatus.succeeded) tally.add(call.sideEffect);
    steps.push({
      path: attempt.stepPath,
      node,
      step: attempt.stepId,
      type: attempt.stepType,
      uses: action?.type === 'action' ? action.uses : null,
      status: stepStatus(attempt.status),
      input: attempt.input ?? null,
      output: attempt.output ?? null,
      effect: call?.effect ?? EffectKind.none,
      money: call?.sideEffect?.money ?? null,
      email: call?.email ?? null,
      error: attempt.error ? { code: attempt.error.code, message: attempt.error.message } : null,
    });
  }
  return {
    status: runStatus(run.status),
    outcome: run.outcome,
    error: run.error ? { code: run.error.code, message: run.error.message, step: run.failedStep } : null,
    path,
    steps,
    effects: tally.list(),
  };
}

function runStatus(status: RunStatus): SimulatedRunStatus {
  switch (status) {
    case RunStatus.succeeded:
      return SimulatedRunStatus.completed;
    case RunStatus.failed:
      return SimulatedRunStatus.failed;
    case RunStatus.cancelled:
      return SimulatedRunStatus.cancelled;
    case RunStatus.running:
    case RunStatus.waiting:
      return SimulatedRunStatus.waiting;
    default: {
      const unknown: never = status;
      return unknown;
    }
  }
}

function stepStatus(status: AttemptStatus): SimulatedStepStatus {
  if (status === AttemptStatus.succeeded) return 'succeeded';
  if (status === AttemptStatus.failed || status === AttemptStatus.cancelled) return 'failed';
  return 'waiting';
}

/** The step a journal path names: `each/0/charge` is step `charge` in foreach `each`'s body. */
function findStep(steps: readonly Step[], stepPath: string): Step | undefined {
  return walk(steps, stepPath.split('/')).step;
}

/** The graph node id of a journal path: each foreach index becomes `*`, as GET .../graph names nodes. */
export function graphNodeId(steps: readonly Step[], stepPath: string): string {
  return walk(steps, stepPath.split('/')).node.join('/');
}

function walk(steps: readonly Step[], segments: readonly string[]): { step: Step | undefined; node: string[] } {
  const node: string[] = [];
  let list: readonly Step[] = steps;
  let step: Step | undefined;
  for (let index = 0; index < segments.length; index += 1) {
    const segment = segments[index] ?? '';
    step = list.find((candidate) => candidate.id === segment);
    node.push(segment);
    if (step === undefined || index + 1 >= segments.length) continue;
    // The next segment picks a parallel branch or a foreach item.
    index += 1;
    const position = Number(segments[index]);
    const nested = nestedStepLists(step, []);
    node.push(step.type === 'foreach' ? '*' : String(segments[index]));
    list = (step.type === 'foreach' ? nested[0]?.steps : nested[position]?.steps) ?? [];
  }
  return { step, node };
}
