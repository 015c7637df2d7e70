import type { Step, Trigger } from './schema.ts';
import { stepDescriptor } from './steps/index.ts';

/** Variables every run has: `run` always, `request` when it came from the catalog, `error` on `on_error` paths. */
export const RUN_VARIABLES = ['run', 'request', 'error'] as const;

/** The variables a trigger provides to the run (and to its own `when`). */
export function triggerVariables(trigger: Trigger): string[] {
  switch (trigger.type) {
    case 'event':
      return ['event', 'object'];
    case 'form':
      return trigger.form.map((field) => field.key);
    case 'manual':
      return trigger.input.map((field) => field.key);
    case 'webhook':
      return ['body', 'headers'];
    case 'schedule':
      return ['schedule'];
    default: {
      const _exhaustive: never = trigger;
      return _exhaustive;
    }
  }
}

/** The variables a step sets itself when it succeeds: its `output` (default its id), or a `set` step's names. */
export function stepVariables(step: Step): string[] {
  return stepDescriptor(step).variables(step);
}

/** The variables only the steps inside a step see, besides what was set before it: a foreach's item and index. */
export function innerVariables(step: Step): string[] {
  return stepDescriptor(step).innerVariables(step);
}

/**
 * The variables set once a step is done: its own. What the steps inside a
 * parallel branch or a foreach iteration set stays in that branch or
 * iteration (its scope); after the container, its output lists their results.
 */
export function variablesAfterStep(step: Step): string[] {
  return stepVariables(step);
}
