import type { PathKey } from './definition-issue.ts';
import type { Step, Trigger } from './schema.ts';

/**
 * A place in a workflow that holds an expression: a bare expression
 * (conditions, foreach `items`, wait `until`) or a string in a templated value
 * (`with`, `values`, `input`) that may hold `{{ expr }}` parts.
 */
export interface ExpressionSite {
  /** Relative to the step (or to the document, for the trigger). */
  keys: PathKey[];
  text: string;
  form: 'expression' | 'template';
}

/** The expression in a trigger: its `when`, for event and webhook triggers. */
export function triggerExpressionSites(trigger: Trigger): ExpressionSite[] {
  if ((trigger.type === 'event' || trigger.type === 'webhook') && trigger.when !== undefined) {
    return [{ keys: ['trigger', 'when'], text: trigger.when, form: 'expression' }];
  }
  return [];
}

/** The expressions and template strings a step holds itself (not those of nested steps). */
export function stepExpressionSites(step: Step): ExpressionSite[] {
  switch (step.type) {
    case 'decision':
      return step.branches.map((branch, index) => ({ keys: ['branches', index, 'when'], text: branch.when, form: 'expression' }));
    case 'foreach':
      return [{ keys: ['items'], text: step.items, form: 'expression' }];
    case 'wait':
      return step.until === undefined ? [] : [{ keys: ['until'], text: step.until, form: 'expression' }];
    case 'action':
      return templateStrings(step.with, ['with']);
    case 'set':
      return templateStrings(step.values, ['values']);
    case 'workflow':
      return templateStrings(step.input, ['input']);
    default:
      return [];
  }
}

function templateStrings(value: unknown, keys: PathKey[]): ExpressionSite[] {
  if (typeof value === 'string') return [{ keys, text: value, form: 'template' }];
  if (Array.isArray(value)) return (value as unknown[]).flatMap((item, index) => templateStrings(item, [...keys, index]));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, item]) => templateStrings(item, [...keys, key]));
  }
  return [];
}
