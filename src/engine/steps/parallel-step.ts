import { AttemptStatus } from '../../core/statuses.ts';
import type { ParallelStep } from '../../definition/schema.ts';
import { firstEndedScope, scopeResults, scopeState } from '../scope-state.ts';
import type { StepHandler } from './step-handler.ts';

/**
 * Starts every branch, each in its own scope of variables, then waits: with
 * `join: all` until every branch has ended (output: each branch's last output,
 * in order), with `join: any` until the first one has (the others are
 * dropped). A failed branch fails the run unless a step in it handles the error.
 */
export const runParallelStep: StepHandler<ParallelStep> = async ({ step, path, visit, run, resume, engine }) => {
  if (resume === null || resume === undefined) {
    return {
      kind: 'fork',
      input: { branches: step.branches.length, join: step.join },
      enqueue: step.branches.map((branch, index) => `${path}/${index}/${branch.steps[0]?.id ?? ''}`),
      scopes: step.branches.map((_, index) => ({ index, variables: {} })),
    };
  }
  const state = await scopeState(engine, { runId: run.id, ownerPath: path, visit });
  if (state.owner?.status === AttemptStatus.succeeded) return { kind: 'discard' };
  if (step.join === 'any' && state.ended > 0) {
    const first = await firstEndedScope(engine, { runId: run.id, ownerPath: path });
    return { kind: 'continue', output: { branch: first?.index ?? 0, output: first?.output ?? null }, cancelScope: `${path}/` };
  }
  if (state.ended >= step.branches.length) {
    return { kind: 'continue', output: await scopeResults(engine, { runId: run.id, ownerPath: path, count: step.branches.length }) };
  }
  return { kind: 'park' };
};
