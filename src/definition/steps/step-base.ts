import { z } from 'zod';
import { idSchema } from '../value-formats.ts';
import type { PathKey } from '../definition-issue.ts';
import type { ExpressionSite, StepTarget } from './step-descriptor.ts';

/** The fields every step has, first in each step's schema. */
export const stepBaseFields = {
  id: idSchema.describe('The step\'s id, unique in the workflow; `next`, branches and `on_error` name steps by it'),
  title: z.string().optional().describe('A name for people, shown in the run history'),
  next: z.string().optional().describe('The id of the step to go to after this one; default the step below'),
};

/** For a descriptor member that the type has nothing for. */
export const none = (): [] => [];

/** For `ignoredNextReason` of a type that always may go on to `next`. */
export const nextFollowed = (): undefined => undefined;

/** A target, when the field is set. */
export function targetIf(keys: PathKey[], target: string | undefined, options: { onError?: boolean } = {}): StepTarget[] {
  return target === undefined ? [] : [{ keys, target, onError: options.onError ?? false }];
}

/** A bare expression, when the field is set. */
export function expressionIf(keys: PathKey[], text: string | undefined): ExpressionSite[] {
  return text === undefined ? [] : [{ keys, text, form: 'expression' }];
}

/** Every string in a templated value (`with`, `values`, `input`), each a template site. */
export function templateSites(value: unknown, keys: PathKey[]): ExpressionSite[] {
  if (typeof value === 'string') return [{ keys, text: value, form: 'template' }];
  if (Array.isArray(value)) return (value as unknown[]).flatMap((item, index) => templateSites(item, [...keys, index]));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, item]) => templateSites(item, [...keys, key]));
  }
  return [];
}
