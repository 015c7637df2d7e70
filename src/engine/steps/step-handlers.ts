import { PermanentError } from '../../core/errors.ts';
import type { Step, StepOf, StepType } from '../../definition/schema.ts';
import type { StepOutcome } from '../step-outcome.ts';
import { runActionStep } from './action-step.ts';
import { runApprovalStep } from './approval-step.ts';
import { runDecisionStep } from './decision-step.ts';
import { runEndStep } from './end-step.ts';
import { runForeachStep } from './foreach-step.ts';
import { runParallelStep } from './parallel-step.ts';
import { runSetStep } from './set-step.ts';
import type { StepHandler, StepInvocation } from './step-handler.ts';
import { runWaitStep } from './wait-step.ts';
import { runWorkflowStep } from './workflow-step.ts';

/** The handler of each step type; leaving one out is a compile error. */
export const stepHandlers: { readonly [K in StepType]: StepHandler<StepOf<K>> } = {
  action: runActionStep,
  decision: runDecisionStep,
  approval: runApprovalStep,
  wait: runWaitStep,
  parallel: runParallelStep,
  foreach: runForeachStep,
  set: runSetStep,
  workflow: runWorkflowStep,
  end: runEndStep,
};

/** Runs one step by its type. */
export function runStep(invocation: StepInvocation<Step>): Promise<StepOutcome> {
  const { step } = invocation;
  // A stored definition is not validated again when it runs, so its type may be one this build does not have.
  if (!Object.hasOwn(stepHandlers, step.type)) {
    return Promise.reject(new PermanentError('step_type_unknown', `unknown step type in ${JSON.stringify(step)}`));
  }
  // The map is keyed by type, so the handler found takes steps of this step's type.
  const handler = stepHandlers[step.type] as StepHandler<Step>;
  return handler(invocation);
}
