import type { PreviewHighlight } from '../builder-types.ts';
import type { PreviewRun, PreviewStepStatus } from './simulation-types.ts';

/** A step that ran many times (a loop, foreach iterations) shows its most telling state: a failure first. */
const PRECEDENCE: PreviewStepStatus[] = ['failed', 'waiting', 'succeeded'];

/** What the builder's graph highlights for a previewed run: each node's state and the path taken. */
export function previewHighlight(run: PreviewRun): PreviewHighlight {
  const states: PreviewHighlight['states'] = {};
  for (const step of run.steps) {
    const current = states[step.node];
    if (current === undefined || PRECEDENCE.indexOf(step.status) < PRECEDENCE.indexOf(current)) states[step.node] = step.status;
  }
  return { states, path: [...run.path] };
}
