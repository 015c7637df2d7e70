/**
 * Checks values given for declared fields (a form submission, on-demand
 * input): every bad field is reported at once, at its path (`values.amount`),
 * with the reason. Values are parsed strictly: text that only starts like a
 * number, an amount finer than its currency, a day that is not in the
 * calendar or a link that is not http(s) is refused, never rounded or cut.
 * Strings are accepted for typed fields because CLI flags arrive as text.
 */
import { InvalidInputError } from '../core/errors.ts';
import type { Issue } from '../core/errors.ts';
import { compileLinearPattern } from '../expression/linear-regexp.ts';
import type { Field } from './schema.ts';
import { parseDate, parseMoney, parseNumber, parseWebUrl } from './strict-values.ts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface FieldValuesResult {
  values: Record<string, unknown>;
  issues: Issue[];
}

export function checkFieldValues(fields: readonly Field[], given: Record<string, unknown>, pathPrefix = 'input'): FieldValuesResult {
  const issues: Issue[] = [];
  const values: Record<string, unknown> = {};
  const known = new Set(fields.map((field) => field.key));
  for (const key of Object.keys(given)) {
    if (!known.has(key)) {
      issues.push({ path: `${pathPrefix}.${key}`, message: `unknown field "${key}"; the fields are: ${[...known].join(', ') || '(none)'}` });
    }
  }
  for (const field of fields) {
    const path = `${pathPrefix}.${field.key}`;
    const raw = given[field.key] ?? field.default;
    if (raw === undefined || raw === null || raw === '') {
      if (field.required) issues.push({ path, message: `${field.label ?? field.key} is required` });
      continue;
    }
    const checked = checkValue(field, raw);
    if (typeof checked === 'string') issues.push({ path, message: checked });
    else values[field.key] = checked.value;
  }
  return { values, issues };
}

function checkValue(field: Field, raw: unknown): { value: unknown } | string {
  switch (field.type) {
    case 'number': {
      const value = parseNumber(raw);
      if (typeof value === 'string') return value;
      return checkRange(field, value) ?? { value };
    }
    case 'money': {
      const money = parseMoney(raw);
      if (typeof money === 'string') return money;
      return checkRange(field, money.amount) ?? { value: money };
    }
    case 'checkbox': {
      if (typeof raw === 'boolean') return { value: raw };
      if (raw === 'true' || raw === 'false') return { value: raw === 'true' };
      return `must be true or false, got ${JSON.stringify(raw)}`;
    }
    case 'multiselect': {
      const list = typeof raw === 'string' ? raw.split(',').map((item) => item.trim()) : raw;
      if (!Array.isArray(list) || !list.every((item) => typeof item === 'string')) return 'must be a list of options';
      const bad = list.filter((item) => field.options && !field.options.includes(item));
      if (bad.length > 0) return `${bad.map((item) => JSON.stringify(item)).join(', ')} not among the options: ${field.options?.join(', ')}`;
      return { value: list };
    }
    case 'date':
    case 'url':
    case 'email':
    case 'select':
    case 'text':
    case 'textarea':
      return checkText(field, raw);
    default: {
      const unknownType: never = field.type;
      return `has an unknown type ${String(unknownType)}`;
    }
  }
}

function checkText(field: Field, raw: unknown): { value: unknown } | string {
  if (typeof raw !== 'string') return `must be text, got ${JSON.stringify(raw)}`;
  if (field.type === 'email' && !EMAIL.test(raw)) return `"${raw}" is not an email address`;
  if (field.type === 'url') {
    const problem = parseWebUrl(raw);
    if (problem !== null) return problem;
  }
  if (field.type === 'date') {
    const problem = parseDate(raw);
    if (problem !== null) return problem;
  }
  if (field.type === 'select' && field.options && !field.options.includes(raw)) return `"${raw}" is not one of: ${field.options.join(', ')}`;
  if (field.pattern !== undefined) {
    const problem = patternMismatch(field.pattern, raw);
    if (problem !== null) return problem;
  }
  if (field.min !== undefined && raw.length < field.min) return `must be at least ${field.min} characters`;
  if (field.max !== undefined && raw.length > field.max) return `must be at most ${field.max} characters`;
  return { value: raw };
}

function patternMismatch(pattern: string, raw: string): string | null {
  try {
    return compileLinearPattern(pattern).test(raw) ? null : `"${raw}" does not match the pattern ${pattern}`;
  } catch (error) {
    // A definition stored before patterns had to run in linear time; validation refuses such a pattern now.
    if (error instanceof InvalidInputError) return `cannot be checked: ${error.message}`;
    throw error;
  }
}

function checkRange(field: Field, value: number): string | undefined {
  if (field.min !== undefined && value < field.min) return `must be at least ${field.min}, got ${value}`;
  if (field.max !== undefined && value > field.max) return `must be at most ${field.max}, got ${value}`;
  return undefined;
}
