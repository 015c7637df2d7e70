/**
 * A run's history read for people: the path it took through its top-level
 * steps (with the branch each decision took, and parallel/foreach folded into
 * counts of their branches or items), and what it waits on now (a timer's
 * wake time, an approval's approvers and timeout, a child run).
 */
import { AttemptStatus } from '../core/statuses.ts';
import { isStepType, type Step } from '../definition/schema.ts';
import type { AttemptRecord, RunRecord } from '../store/records.ts';
import { WAKE_STEP_TYPE } from '../store/work-queue-queries.ts';
import type { AppContext } from './app-context.ts';

/** The branch a decision took: `when` the index of the first true branch, or `otherwise`. */
export interface BranchTaken {
  taken: number | 'otherwise';
  /** The matching branch's condition; null for `otherwise`. */
  when: string | null;
  next: string | null;
}

/** How the branches (parallel) or items (foreach) of a container step stand. */
export interface ScopeCounts {
  total: number;
  succeeded: number;
  failed: number;
  /** Started and not ended (running, retrying or waiting). */
  open: number;
}

export interface PathEntry {
  /** The step's path; top-level steps only (nested ones are folded into their container's `scopes`). */
  step: string;
  type: string;
  title: string | null;
  visit: number;
  /** The latest attempt's status. */
  status: AttemptStatus;
  attempts: number;
  startedAt: Date;
  finishedAt: Date | null;
  branch: BranchTaken | null;
  /** An approval step's decision (`approved`, `rejected`, `timed_out`) once made. */
  decision: string | null;
  scopes: ScopeCounts | null;
}

export const WaitKind = { timer: 'timer', approval: 'approval', childRun: 'child_run' } as const;
export type WaitKind = (typeof WaitKind)[keyof typeof WaitKind];

export interface RunWait {
  step: string;
  kind: WaitKind;
  /** When the wait ends by itself: a timer's wake time, an approval's timeout; null when only a person or another run ends it. */
  until: Date | null;
  /** The approval task, for `approval`. */
  task: string | null;
  team: string | null;
  approvers: string[];
  /** The child run, for `child_run`. */
  childRun: string | null;
}

export interface RunPath {
  path: PathEntry[];
  waits: RunWait[];
}

/** The path and the waits of a run, from its journal and its version's definition. */
export async function runPath(app: AppContext, run: RunRecord, attempts: readonly AttemptRecord[]): Promise<RunPath> {
  const definition = await app.engine.definitions.get(run.workflowId, run.version);
  const topSteps = new Map(definition.steps.map((step) => [step.id, step]));
  const visits = latestVisits(attempts);
  const path: PathEntry[] = [];
  for (const visit of visits.values()) {
    if (visit.latest.stepPath.includes('/')) continue;
    path.push(pathEntry(visit, topSteps.get(visit.latest.stepId), visits));
  }
  const waits: RunWait[] = [];
  for (const { latest } of visits.values()) {
    if (latest.status !== AttemptStatus.waiting) continue;
    const wait = await waitOf(app, latest);
    if (wait !== undefined) waits.push(wait);
  }
  return { path, waits };
}

interface Visit {
  first: AttemptRecord;
  latest: AttemptRecord;
  attempts: number;
}

/** Each step visit with its first and latest attempt, in the order the visits began (the journal's order). */
function latestVisits(attempts: readonly AttemptRecord[]): Map<string, Visit> {
  const visits = new Map<string, Visit>();
  for (const attempt of attempts) {
    // A `runs wake` row notes who ended a wait early; it is no attempt of the step.
    if (attempt.stepType === WAKE_STEP_TYPE) continue;
    const key = `${attempt.stepPath}#${attempt.visit}`;
    const seen = visits.get(key);
    if (seen === undefined) visits.set(key, { first: attempt, latest: attempt, attempts: 1 });
    else visits.set(key, { first: seen.first, latest: attempt.attempt >= seen.latest.attempt ? attempt : seen.latest, attempts: seen.attempts + 1 });
  }
  return visits;
}

function pathEntry(visit: Visit, step: Step | undefined, visits: ReadonlyMap<string, Visit>): PathEntry {
  const { latest } = visit;
  const output = asObject(latest.output);
  const isContainer = latest.stepType === 'parallel' || latest.stepType === 'foreach';
  return {
    step: latest.stepPath,
    type: latest.stepType,
    title: step?.title ?? null,
    visit: latest.visit,
    status: latest.status,
    attempts: visit.attempts,
    startedAt: visit.first.startedAt,
    finishedAt: latest.finishedAt,
    branch: latest.stepType === 'decision' && latest.status === AttemptStatus.succeeded ? branchTaken(step, output) : null,
    decision: latest.stepType === 'approval' && typeof output.decision === 'string' ? output.decision : null,
    scopes: isContainer ? scopeCounts(latest, visits) : null,
  };
}

function branchTaken(step: Step | undefined, output: Record<string, unknown>): BranchTaken {
  const next = typeof output.next === 'string' ? output.next : null;
  if (typeof output.branch !== 'number') return { taken: 'otherwise', when: null, next };
  const when = step?.type === 'decision' ? (step.branches[output.branch]?.when ?? null) : null;
  return { taken: output.branch, when, next };
}

/**
 * Counts a container's branches or items by how their steps stand: a scope
 * with a failed step failed, one with a step still under way is open, the
 * rest succeeded. Scopes not started yet count only in `total`.
 */
function scopeCounts(container: AttemptRecord, visits: ReadonlyMap<string, Visit>): ScopeCounts {
  const input = asObject(container.input);
  const prefix = `${container.stepPath}/`;
  const states = new Map<string, 'succeeded' | 'failed' | 'open'>();
  for (const { latest } of visits.values()) {
    if (!latest.stepPath.startsWith(prefix)) continue;
    const scope = latest.stepPath.slice(prefix.length).split('/')[0] ?? '';
    const state = scopeState(latest.status);
    const before = states.get(scope);
    if (before === undefined || rank(state) > rank(before)) states.set(scope, state);
  }
  const declared = Array.isArray(input.items) ? input.items.length : typeof input.branches === 'number' ? input.branches : 0;
  const counted = [...states.values()];
  return {
    total: Math.max(declared, states.size),
    succeeded: counted.filter((state) => state === 'succeeded').length,
    failed: counted.filter((state) => state === 'failed').length,
    open: counted.filter((state) => state === 'open').length,
  };
}

function scopeState(status: AttemptStatus): 'succeeded' | 'failed' | 'open' {
  switch (status) {
    case AttemptStatus.succeeded:
      return 'succeeded';
    case AttemptStatus.failed:
    case AttemptStatus.cancelled:
      return 'failed';
    case AttemptStatus.retrying:
    case AttemptStatus.waiting:
      return 'open';
    default: {
      const _: never = status;
      return _;
    }
  }
}

/** A failed step decides its scope's state over one under way, which decides over a succeeded one. */
function rank(state: 'succeeded' | 'failed' | 'open'): number {
  return state === 'failed' ? 2 : state === 'open' ? 1 : 0;
}

async function waitOf(app: AppContext, attempt: AttemptRecord): Promise<RunWait | undefined> {
  const input = asObject(attempt.input);
  const none = { task: null, team: null, approvers: [], childRun: null };
  const type = attempt.stepType;
  if (!isStepType(type)) return undefined;
  switch (type) {
    case 'wait':
      return { step: attempt.stepPath, kind: WaitKind.timer, until: typeof input.until === 'string' ? new Date(input.until) : null, ...none };
    case 'approval': {
      const task = typeof input.task === 'string' ? await app.approvals.get(input.task) : undefined;
      if (task === undefined) return undefined;
      return { step: attempt.stepPath, kind: WaitKind.approval, until: task.dueAt, task: task.id, team: task.assigneeTeam, approvers: task.approvers, childRun: null };
    }
    case 'workflow':
      return { step: attempt.stepPath, kind: WaitKind.childRun, until: null, ...none, childRun: typeof input.child_run === 'string' ? input.child_run : null };
    case 'parallel':
    case 'foreach':
    case 'action':
    case 'decision':
    case 'set':
    case 'end':
      // A parallel or foreach waits on its branches or items, which are listed themselves; the others do not wait.
      return undefined;
    default: {
      const _: never = type;
      return _;
    }
  }
}

function asObject(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
