import type { Step, Trigger } from './schema.ts';
import { stepDescriptor } from './steps/index.ts';
import type { ExpressionSite } from './steps/index.ts';

export type { ExpressionSite };

/** The expression in a trigger: its `when`, for event and webhook triggers. */
export function triggerExpressionSites(trigger: Trigger): ExpressionSite[] {
  if ((trigger.type === 'event' || trigger.type === 'webhook') && trigger.when !== undefined) {
    return [{ keys: ['trigger', 'when'], text: trigger.when, form: 'expression' }];
  }
  return [];
}

/** The expressions and template strings a step holds itself (not those of nested steps). */
export function stepExpressionSites(step: Step): ExpressionSite[] {
  return stepDescriptor(step).expressionSites(step);
}
