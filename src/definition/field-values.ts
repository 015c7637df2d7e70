/**
 * Checks values given for declared fields (a form submission, on-demand
 * input): every bad field is reported at once, with its key and the reason.
 * Strings are coerced where the field type says so (CLI flags arrive as text).
 */
import type { Issue } from '../core/errors.ts';
import type { Field } from './schema.ts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

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
      const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
      if (typeof value !== 'number' || !Number.isFinite(value)) return `must be a number, got ${JSON.stringify(raw)}`;
      return checkRange(field, value) ?? { value };
    }
    case 'money': {
      const money = typeof raw === 'string' ? parseMoneyText(raw) : raw;
      if (typeof money !== 'object' || money === null) return 'must be an amount and a currency, e.g. {"amount": 19.99, "currency": "usd"} or "19.99 usd"';
      const { amount, currency } = money as { amount?: unknown; currency?: unknown };
      const value = typeof amount === 'string' ? Number(amount) : amount;
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'amount must be a number';
      if (typeof currency !== 'string' || !/^[A-Za-z]{3}$/.test(currency)) return 'currency must be a 3-letter ISO code such as usd';
      return checkRange(field, value) ?? { value: { amount: value, currency: currency.toLowerCase() } };
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
    default:
      return checkText(field, raw);
  }
}

function checkText(field: Field, raw: unknown): { value: unknown } | string {
  if (typeof raw !== 'string') return `must be text, got ${JSON.stringify(raw)}`;
  if (field.type === 'email' && !EMAIL.test(raw)) return `"${raw}" is not an email address`;
  if (field.type === 'url' && !URL.canParse(raw)) return `"${raw}" is not a URL`;
  if (field.type === 'date' && (!DATE.test(raw) || Number.isNaN(Date.parse(raw)))) return `"${raw}" is not a date (YYYY-MM-DD)`;
  if (field.type === 'select' && field.options && !field.options.includes(raw)) return `"${raw}" is not one of: ${field.options.join(', ')}`;
  if (field.pattern !== undefined && !new RegExp(field.pattern).test(raw)) return `"${raw}" does not match the pattern ${field.pattern}`;
  if (field.min !== undefined && raw.length < field.min) return `must be at least ${field.min} characters`;
  if (field.max !== undefined && raw.length > field.max) return `must be at most ${field.max} characters`;
  return { value: raw };
}

function checkRange(field: Field, value: number): string | undefined {
  if (field.min !== undefined && value < field.min) return `must be at least ${field.min}, got ${value}`;
  if (field.max !== undefined && value > field.max) return `must be at most ${field.max}, got ${value}`;
  return undefined;
}

function parseMoneyText(text: string): { amount: string; currency: string } | undefined {
  const match = /^\s*([\d.]+)\s*([A-Za-z]{3})\s*$/.exec(text);
  return match?.[1] && match[2] ? { amount: match[1], currency: match[2] } : undefined;
}
