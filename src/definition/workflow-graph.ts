import type { PathKey } from './definition-issue.ts';
import type { Step } from './schema.ts';
import { stepDescriptor } from './steps/index.ts';
import type { NestedStepList, StepTarget } from './steps/index.ts';

export type { StepTarget };

/** One list of steps that runs as a graph: the workflow's steps, a parallel branch, or a foreach body. */
export interface StepList {
  steps: readonly Step[];
  /** Where the list is, e.g. `['steps']` or `['steps', 3, 'branches', 0, 'steps']`. */
  keys: PathKey[];
}

/** An edge of a step list's graph, between indexes in that list. */
export interface StepEdge {
  to: number;
  onError: boolean;
  /** The field the edge comes from, relative to the step (see StepTarget); `['next']` also when the step goes on to the one below it. */
  keys: PathKey[];
}

/** Every step list of a workflow: a list, then the lists nested in its steps. */
export function stepLists(steps: readonly Step[], keys: PathKey[] = ['steps']): StepList[] {
  const lists: StepList[] = [{ steps, keys }];
  steps.forEach((step, index) => {
    for (const nested of nestedStepLists(step, [...keys, index])) lists.push(...stepLists(nested.steps, nested.keys));
  });
  return lists;
}

/** Every step of a workflow with where it is, in document order (a container's steps right after it). */
export function allSteps(steps: readonly Step[], keys: PathKey[] = ['steps']): { step: Step; keys: PathKey[] }[] {
  return steps.flatMap((step, index) => {
    const stepKeys = [...keys, index];
    return [{ step, keys: stepKeys }, ...nestedStepLists(step, stepKeys).flatMap((nested) => allSteps(nested.steps, nested.keys))];
  });
}

/** The step lists directly inside a step: a parallel's branches, a foreach's body. */
export function nestedStepLists(step: Step, stepKeys: PathKey[]): NestedStepList[] {
  return stepDescriptor(step).nestedStepLists(step, stepKeys);
}

/** The step ids a step names as where to go next: its `next`, then the fields of its type. */
export function stepTargets(step: Step): StepTarget[] {
  const next: StepTarget[] = step.next === undefined ? [] : [{ keys: ['next'], target: step.next, onError: false }];
  return [...next, ...stepDescriptor(step).targets(step)];
}

/**
 * Why a step's `next` is never followed, or undefined when it may be: a
 * decision goes only to its branches and `otherwise`, an end step ends the
 * run, and an approval with both `on.approved` and `on.rejected` goes to one of them.
 */
export function ignoredNextReason(step: Step): string | undefined {
  return stepDescriptor(step).ignoredNextReason(step);
}

/**
 * The edges out of `steps[index]`, to steps of the same list. A target that
 * names no step is looked up in `aliases` (e.g. typo to intended id), else left out.
 */
export function stepEdges(steps: readonly Step[], index: number, aliases?: ReadonlyMap<string, string>): StepEdge[] {
  const step = steps[index];
  if (step === undefined) return [];
  const indexOf = (id: string): number => {
    const found = steps.findIndex((candidate) => candidate.id === id);
    const alias = found < 0 ? aliases?.get(id) : undefined;
    return alias === undefined ? found : steps.findIndex((candidate) => candidate.id === alias);
  };
  const edges: StepEdge[] = [];
  for (const target of stepDescriptor(step).targets(step)) {
    const to = indexOf(target.target);
    if (to >= 0) edges.push({ to, onError: target.onError, keys: target.keys });
  }
  if (ignoredNextReason(step) === undefined) {
    const to = step.next === undefined ? index + 1 : indexOf(step.next);
    if (to >= 0 && to < steps.length) edges.push({ to, onError: false, keys: ['next'] });
  }
  return edges;
}

/** The indexes of the steps that some path from the first step reaches (see stepEdges for `aliases`). */
export function reachableSteps(steps: readonly Step[], aliases?: ReadonlyMap<string, string>): Set<number> {
  const reached = new Set<number>();
  const pending = steps.length > 0 ? [0] : [];
  for (let index = pending.pop(); index !== undefined; index = pending.pop()) {
    if (reached.has(index)) continue;
    reached.add(index);
    for (const edge of stepEdges(steps, index, aliases)) pending.push(edge.to);
  }
  return reached;
}
