/**
 * The offering form as the person fills it in, and the values it sends. The checks are the
 * server's own (src/definition/field-values.ts): the same function, run on the same values, so
 * the browser refuses exactly what the server would, with the same words.
 */
import { checkFieldValues } from '../../../../src/definition/field-values.ts';
import type { FormField } from '../../api/types.ts';

export interface MoneyDraft {
  amount: string;
  currency: string;
}
export type DraftValue = string | boolean | string[] | MoneyDraft;
export type FormDraft = Record<string, DraftValue>;

/** The form's starting values: each field's default, or empty. */
export function initialDraft(fields: readonly FormField[]): FormDraft {
  return Object.fromEntries(fields.map((field) => [field.key, initialValue(field)]));
}

function initialValue(field: FormField): DraftValue {
  const given = field.default;
  switch (field.type) {
    case 'checkbox':
      return given === true || given === 'true';
    case 'multiselect':
      return Array.isArray(given) ? given.filter((item): item is string => typeof item === 'string') : [];
    case 'money':
      return moneyDefault(given);
    default:
      if (typeof given === 'string') return given;
      return typeof given === 'number' || typeof given === 'boolean' ? String(given) : '';
  }
}

function moneyDefault(given: unknown): MoneyDraft {
  if (typeof given === 'string') {
    const match = /^\s*(\S+)\s+([A-Za-z]{3})\s*$/.exec(given);
    return { amount: match?.[1] ?? '', currency: match?.[2]?.toLowerCase() ?? '' };
  }
  if (typeof given === 'object' && given !== null) {
    const { amount, currency } = given as { amount?: unknown; currency?: unknown };
    return { amount: typeof amount === 'number' || typeof amount === 'string' ? String(amount) : '', currency: typeof currency === 'string' ? currency.toLowerCase() : '' };
  }
  return { amount: '', currency: '' };
}

/**
 * The values to send: text as typed (the server converts by field type, as it does for the CLI),
 * a money field as `{amount, currency}`, empty fields left out.
 */
export function valuesOf(fields: readonly FormField[], draft: FormDraft): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const field of fields) {
    const value = draft[field.key];
    if (value === undefined) continue;
    if (typeof value === 'string') {
      if (value !== '') values[field.key] = value;
    } else if (typeof value === 'boolean') {
      values[field.key] = value;
    } else if (Array.isArray(value)) {
      if (value.length > 0) values[field.key] = value;
    } else if (value.amount.trim() !== '') {
      values[field.key] = { amount: value.amount.trim(), currency: value.currency.trim() };
    }
  }
  return values;
}

/** What is wrong with the form, by field key, in the server's words. */
export function formProblems(fields: readonly FormField[], draft: FormDraft): Map<string, string> {
  const { issues } = checkFieldValues(fields, valuesOf(fields, draft), 'values');
  return new Map(issues.map((issue) => [fieldKeyOf(issue.path), issue.message]));
}

/** `values.amount` → `amount`. */
export function fieldKeyOf(path: string): string {
  return path.startsWith('values.') ? path.slice('values.'.length) : path;
}
