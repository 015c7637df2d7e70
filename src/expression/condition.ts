import type { Variables } from '../core/json.ts';
import { compileExpression, evaluate } from './expression.ts';
import type { EvaluateOptions } from './expression.ts';

/**
 * JSONata's effective boolean value (`$boolean`), with nothing (`undefined`) as
 * false: `""`, `0`, `null`, `[]`, `{}` and functions are false; an array is true
 * when any member is.
 */
export function isTruthy(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (Array.isArray(value)) return (value as unknown[]).some((item) => isTruthy(item));
  switch (typeof value) {
    case 'boolean':
      return value;
    case 'string':
      return value.length > 0;
    case 'number':
      return value !== 0 && !Number.isNaN(value);
    case 'object':
      return !('_jsonata_lambda' in value || '_jsonata_function' in value) && Object.keys(value).length > 0;
    default:
      return false;
  }
}

/**
 * Evaluates a condition (`when`) and gives its truth by {@link isTruthy}.
 * @example await evaluateCondition('refundAmount >= 500', { refundAmount: 750 }) // true
 */
export async function evaluateCondition(source: string, variables: Variables, options: EvaluateOptions = {}): Promise<boolean> {
  return isTruthy(await evaluate(compileExpression(source), variables, options));
}
