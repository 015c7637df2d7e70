import { AttemptStatus } from '../../core/statuses.ts';
import type { ParallelStep } from '../../definition/schema.ts';
import { scopeState } from '../scope-state.ts';
import type { StepHandler } from './step-handler.ts';

/**
 * Starts every branch, then waits: with `join: all` until every branch has
 * ended (output: each branch's last output, in order), with `join: any` until
 * the first one has (the others are dropped). A failed branch fails the run
 * unless a step in it handles the error.
 */
export const runParallelStep: StepHandler<ParallelStep> = async ({ step, path, visit, run, resume, engine }) => {
  if (resume === null || resume === undefined) {
    return {
      kind: 'fork',
      input: { branches: step.branches.length, join: step.join },
      enqueue: step.branches.map((branch, index) => `${path}/${index}/${branch.steps[0]?.id ?? ''}`),
    };
  }
  const state = await scopeState(engine, { runId: run.id, ownerPath: path, visit });
  if (state.owner?.status === AttemptStatus.succeeded) return { kind: 'discard' };
  if (step.join === 'any' && state.ended.size > 0) {
    const [branch, output] = [...state.ended.entries()][0] ?? [0, null];
    return { kind: 'continue', output: { branch, output }, cancelScope: `${path}/` };
  }
  if (state.ended.size === step.branches.length) {
    return { kind: 'continue', output: step.branches.map((_, index) => state.ended.get(index) ?? null) };
  }
  return { kind: 'park' };
};
