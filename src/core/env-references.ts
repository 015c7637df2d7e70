/** `{{ env.NAME }}` references, as connector configs write the variables they read. */
import { referenceNames } from './template-references.ts';

/** One `{{ env.NAME }}`; the name is group 1. Global: use with matchAll or replace. */
export const ENV_REFERENCE = /\{\{\s*env\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** A variable name that `{{ env.NAME }}` may name. */
export const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The distinct variable names `value` (a string, or lists and objects of them) refers to, in order. */
export function envReferences(value: unknown): string[] {
  return referenceNames(value, ENV_REFERENCE);
}
