/**
 * Where a step sits in a workflow's graph. A step path names a step by its id
 * at the top level, and by `parent/index/id` inside a `parallel` branch or a
 * `foreach` iteration, so every loop index gets its own journal rows and its
 * own idempotency keys.
 */
import { PermanentError } from '../core/errors.ts';
import type { Step } from '../definition/schema.ts';

export interface StepLocation {
  step: Step;
  /** The step list the step belongs to. */
  siblings: Step[];
  index: number;
  /** Path prefix of the step list: '' at the top level, `fanout/0/` inside a branch. */
  scope: string;
}

export function locateStep(steps: Step[], path: string): StepLocation {
  const segments = path.split('/');
  let siblings = steps;
  let scope = '';
  for (let i = 0; i < segments.length; i += 2) {
    const id = segments[i];
    const index = siblings.findIndex((step) => step.id === id);
    const step = siblings[index];
    if (step === undefined) throw new PermanentError('step_not_found', `no step at path "${path}" in this workflow version`);
    if (i === segments.length - 1) return { step, siblings, index, scope };
    const position = Number(segments[i + 1]);
    scope += `${id}/${segments[i + 1]}/`;
    if (step.type === 'parallel') siblings = step.branches[position]?.steps ?? [];
    else if (step.type === 'foreach') siblings = step.steps;
    else throw new PermanentError('step_not_found', `step path "${path}" goes through "${id}", which has no nested steps`);
  }
  throw new PermanentError('step_not_found', `empty step path`);
}

/** The path of step `id` in the same list as `location`. */
export function siblingPath(location: StepLocation, id: string): string {
  return `${location.scope}${id}`;
}

/** Where a step goes on success when it does not choose: `next`, else the step below it, else the end of its list (null). */
export function defaultNext(location: StepLocation): string | null {
  if (location.step.next !== undefined) return siblingPath(location, location.step.next);
  if (location.step.type === 'end') return null;
  const following = location.siblings[location.index + 1];
  return following ? siblingPath(location, following.id) : null;
}

/** The path of a workflow's first step. */
export function firstStepPath(steps: Step[]): string {
  const first = steps[0];
  if (!first) throw new PermanentError('workflow_empty', 'the workflow has no steps');
  return first.id;
}
