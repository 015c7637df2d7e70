import { z } from 'zod';
import { listChoices, suggestion } from './did-you-mean.ts';
import { formatPath } from './definition-issue.ts';

type RawIssue = z.core.$ZodRawIssue;

/**
 * A zod error map that says, in the words of the definition format, what is
 * wrong and how to fix it. Schema-level custom messages (schema.ts) take
 * precedence over it, as zod applies them first. It also records, per path,
 * the fields an object allows, so unknown fields can get a did-you-mean.
 */
export function definitionErrorMap(allowedFields: Map<string, string[]>): z.core.$ZodErrorMap {
  return (issue) => {
    if (issue.code === 'unrecognized_keys' && issue.inst instanceof z.ZodObject) {
      const allowed = Object.keys(issue.inst.shape);
      allowedFields.set(pathKey(issue.path ?? []), allowed);
      return issue.keys.map((key) => unknownFieldMessage(key, allowed)).join('; ');
    }
    return issueMessage(issue);
  };
}

/** The lookup key of a path in the allowed-fields map. */
export function pathKey(path: readonly PropertyKey[]): string {
  return JSON.stringify(path.map((key) => (typeof key === 'number' ? key : String(key))));
}

/** `unknown field \`wiht\` (did you mean \`with\`?)`, or the list of allowed fields when nothing is close. */
export function unknownFieldMessage(key: string, allowed: readonly string[]): string {
  const hint = suggestion(key, allowed, '`');
  return hint === '' ? `unknown field \`${key}\`; allowed fields: ${listChoices(allowed, '`')}` : `unknown field \`${key}\`${hint}`;
}

function issueMessage(issue: RawIssue): string | undefined {
  const path = issue.path ?? [];
  const last = path.at(-1);
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined && typeof last === 'string') return `missing required field \`${last}\``;
      return `expected ${article(issue.expected)}, got ${describeValue(issue.input)}`;
    case 'invalid_union':
      return unionMessage(issue);
    case 'invalid_value': {
      const allowed = issue.values.map(String);
      const given = typeof issue.input === 'string' ? issue.input : describeValue(issue.input);
      return `${JSON.stringify(given)} is not allowed${suggestion(given, allowed)}; use ${listChoices(allowed)}`;
    }
    case 'too_small':
      return sizeMessage('at least', issue.origin, issue.minimum, issue.inclusive !== false);
    case 'too_big':
      return sizeMessage('at most', issue.origin, issue.maximum, issue.inclusive !== false);
    case 'invalid_format':
      return `${JSON.stringify(issue.input)} is not a valid ${issue.format === 'regex' ? 'value' : issue.format}`;
    default:
      return undefined;
  }
}

function unionMessage(issue: Extract<RawIssue, { code: 'invalid_union' }>): string {
  if (issue.discriminator !== undefined) {
    const field = issue.discriminator;
    const rawOptions: unknown = 'options' in issue ? issue.options : undefined;
    const options = Array.isArray(rawOptions) ? rawOptions.map(String) : [];
    const given = isRecord(issue.input) ? issue.input[field] : undefined;
    const what = field === 'kind' ? 'document kind' : field === 'type' ? 'type' : `\`${field}\``;
    if (given === undefined) return `missing \`${field}\`; use ${listChoices(options)}`;
    const text = typeof given === 'string' ? given : describeValue(given);
    return `unknown ${what} ${JSON.stringify(text)}${suggestion(text, options)}; use ${listChoices(options)}`;
  }
  // A plain union: the alternative the input came closest to explains best.
  const alternatives = issue.errors.filter((issues) => issues.length > 0);
  const fewest = Math.min(...alternatives.map((issues) => issues.length));
  const closest = alternatives.filter((issues) => issues.length === fewest);
  const explain = (issues: readonly z.core.$ZodIssue[]): string =>
    issues.map((nested) => (nested.path.length > 0 ? `${formatPath(nested.path.map(toPathKey))}: ${nested.message}` : nested.message)).join('; ');
  if (closest.length === 1 && closest[0] !== undefined) return explain(closest[0]);
  return closest.map(explain).join(', or ');
}

function sizeMessage(bound: 'at least' | 'at most', origin: string, limit: number | bigint, inclusive: boolean): string {
  const count = Number(limit);
  switch (origin) {
    case 'array':
    case 'set':
      return `needs ${bound} ${count} ${count === 1 ? 'item' : 'items'}`;
    case 'string':
      return `needs ${bound} ${count} ${count === 1 ? 'character' : 'characters'}`;
    default:
      return inclusive ? `must be ${bound} ${count}` : `must be ${bound === 'at least' ? 'more' : 'less'} than ${count}`;
  }
}

function toPathKey(key: PropertyKey): string | number {
  return typeof key === 'number' ? key : String(key);
}

function article(expected: string): string {
  switch (expected) {
    case 'object':
      return 'a mapping (key: value)';
    case 'array':
      return 'a list';
    case 'int':
      return 'a whole number';
    default:
      return `a ${expected}`;
  }
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `the text ${JSON.stringify(value)}`;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return `${typeof value} ${String(value)}`;
  return typeof value === 'object' ? 'a mapping' : typeof value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
