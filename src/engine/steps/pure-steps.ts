import type { DecisionStep, EndStep, SetStep, Step } from '../../definition/schema.ts';
import type { StepOutcome } from '../step-outcome.ts';
import { runDecisionStep } from './decision-step.ts';
import { runEndStep } from './end-step.ts';
import { runSetStep } from './set-step.ts';
import type { PureStepInvocation } from './step-handler.ts';

/** The step types with no side effect and no wait: they only read variables and say where the run goes. */
export type PureStep = DecisionStep | SetStep | EndStep;

export function isPureStep(step: Step): step is PureStep {
  return step.type === 'decision' || step.type === 'set' || step.type === 'end';
}

/** Runs a pure step by its type. */
export function runPureStep(invocation: PureStepInvocation<PureStep>): Promise<StepOutcome> {
  const { step } = invocation;
  switch (step.type) {
    case 'decision':
      return runDecisionStep({ ...invocation, step });
    case 'set':
      return runSetStep({ ...invocation, step });
    case 'end':
      return runEndStep({ ...invocation, step });
    default: {
      const unknown: never = step;
      throw new Error(`not a pure step: ${JSON.stringify(unknown)}`);
    }
  }
}
