import type { EndStep } from '../../definition/schema.ts';
import type { PureStepHandler } from './step-handler.ts';

/** Ends the run with its outcome and status. */
export const runEndStep: PureStepHandler<EndStep> = ({ step }) =>
  Promise.resolve({ kind: 'end', outcome: step.outcome ?? null, status: step.status });
