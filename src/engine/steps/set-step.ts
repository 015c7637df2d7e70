import { renderTemplate } from '../../expression/index.ts';
import type { SetStep } from '../../definition/schema.ts';
import type { PureStepHandler } from './step-handler.ts';

/** Assigns top-level variables from templates. */
export const runSetStep: PureStepHandler<SetStep> = async ({ step, variables, engine }) => {
  const values = (await renderTemplate(step.values, variables, { timeoutMs: engine.expressionTimeoutMs })) as Record<string, unknown>;
  return { kind: 'continue', output: values, assign: values };
};
