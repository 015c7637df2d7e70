import { PermanentError } from '../../core/errors.ts';
import type { Step } from '../../definition/schema.ts';
import type { StepOutcome } from '../step-outcome.ts';
import { runActionStep } from './action-step.ts';
import { runDecisionStep } from './decision-step.ts';
import { runEndStep } from './end-step.ts';
import { runSetStep } from './set-step.ts';
import type { StepInvocation } from './step-handler.ts';
import { runWaitStep } from './wait-step.ts';
import { runParallelStep } from './parallel-step.ts';
import { runForeachStep } from './foreach-step.ts';
import { runWorkflowStep } from './workflow-step.ts';
import { runApprovalStep } from './approval-step.ts';

/** Runs one step by its type. */
export function runStep(invocation: StepInvocation<Step>): Promise<StepOutcome> {
  const { step } = invocation;
  switch (step.type) {
    case 'action':
      return runActionStep({ ...invocation, step });
    case 'decision':
      return runDecisionStep({ ...invocation, step });
    case 'set':
      return runSetStep({ ...invocation, step });
    case 'wait':
      return runWaitStep({ ...invocation, step });
    case 'end':
      return runEndStep({ ...invocation, step });
    case 'parallel':
      return runParallelStep({ ...invocation, step });
    case 'foreach':
      return runForeachStep({ ...invocation, step });
    case 'workflow':
      return runWorkflowStep({ ...invocation, step });
    case 'approval':
      return runApprovalStep({ ...invocation, step });
    default: {
      const unknown: never = step;
      return Promise.reject(new PermanentError('step_type_unknown', `unknown step type in ${JSON.stringify(unknown)}`));
    }
  }
}
