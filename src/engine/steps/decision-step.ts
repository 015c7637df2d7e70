import { evaluateCondition } from '../../expression/index.ts';
import type { DecisionStep } from '../../definition/schema.ts';
import { siblingPath } from '../step-graph.ts';
import type { PureStepHandler } from './step-handler.ts';

/** Tries each branch's `when` in order; the first true one wins, else `otherwise`. */
export const runDecisionStep: PureStepHandler<DecisionStep> = async ({ step, location, variables, engine }) => {
  for (const [index, branch] of step.branches.entries()) {
    if (await evaluateCondition(branch.when, variables, { timeoutMs: engine.expressionTimeoutMs })) {
      return { kind: 'continue', output: { branch: index, next: branch.next }, next: siblingPath(location, branch.next) };
    }
  }
  return { kind: 'continue', output: { branch: 'otherwise', next: step.otherwise }, next: siblingPath(location, step.otherwise) };
};
