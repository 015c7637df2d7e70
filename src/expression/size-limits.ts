/**
 * Size limits of an evaluation: no string longer than `maxStringLength`
 * characters and no array or sequence longer than `maxItems`. The time limit
 * is checked between evaluation steps, so a single built-in call that makes a
 * huge value (`$pad("", 5e7)`) would finish first and hold the memory: the
 * built-ins that can make a big flat string in one call are replaced here by
 * versions that check the size first, and every step's result is checked as
 * it leaves the step.
 */
import type jsonata from 'jsonata';
import { PermanentError } from '../core/errors.ts';
import { isJsonataFunction } from './plain-value.ts';

export interface SizeLimits {
  maxStringLength: number;
  maxItems: number;
}

/**
 * Makes `program` keep to `limits`: bounded `$pad`, `$join` and `$string`, and
 * a check of each step's result.
 */
export function installSizeLimits(program: jsonata.Expression, limits: SizeLimits): void {
  program.registerFunction('pad', (text: string | undefined, width: number, fill: string | undefined) => boundedPad(limits, text, width, fill), '<s-ns?:s>');
  program.registerFunction('join', (texts: string[] | undefined, separator: string | undefined) => boundedJoin(limits, texts, separator), '<a<s>s?:s>');
  program.registerFunction('string', (value: unknown, prettify: boolean | undefined) => boundedString(limits, value, prettify), '<x-b?:s>');
  // JSONata calls the function bound to this symbol after each evaluation step, with the step's result.
  const exitHook = (_node: unknown, _input: unknown, _environment: unknown, result: unknown): void => checkResultSize(limits, result);
  program.assign(Symbol.for('jsonata.__evaluate_exit') as unknown as string, exitHook);
}

/** A coded error for a value past a size limit; `limit` is the option's name, `size` the value's size when known. */
export function sizeLimitError(limit: keyof SizeLimits, size: number | undefined, max: number, what: string): PermanentError {
  const unit = limit === 'maxStringLength' ? 'characters' : 'items';
  const sized = size === undefined ? what : `${what} of ${size} ${unit}`;
  return new PermanentError(
    'expression_limit_exceeded',
    `${sized} went past the ${limit} limit (${max} ${unit}); work on smaller values`,
    { details: { limit, max, ...(size === undefined ? {} : { size }) } },
  );
}

/** Throws `expression_limit_exceeded` for a string or list past the limits (every step's result). */
export function checkResultSize(limits: SizeLimits, result: unknown): void {
  if (typeof result === 'string' && result.length > limits.maxStringLength) {
    throw sizeLimitError('maxStringLength', result.length, limits.maxStringLength, 'a string');
  }
  if (Array.isArray(result) && result.length > limits.maxItems) {
    throw sizeLimitError('maxItems', result.length, limits.maxItems, 'a list');
  }
}

// As JSONata's $pad: width counts code points; positive pads on the right, negative on the left.
function boundedPad(limits: SizeLimits, text: string | undefined, width: number, fill: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const target = Math.abs(Math.trunc(width));
  if (target > limits.maxStringLength) throw sizeLimitError('maxStringLength', target, limits.maxStringLength, '$pad to a width');
  const padLength = target - [...text].length;
  if (padLength <= 0) return text;
  const unit = [...(fill === undefined || fill === '' ? ' ' : fill)];
  const padding = unit.join('').repeat(Math.ceil(padLength / unit.length));
  const cut = [...padding].slice(0, padLength).join('');
  return width > 0 ? text + cut : cut + text;
}

function boundedJoin(limits: SizeLimits, texts: string[] | undefined, separator: string | undefined): string | undefined {
  if (texts === undefined) return undefined;
  const glue = separator ?? '';
  let size = Math.max(0, texts.length - 1) * glue.length;
  for (const text of texts) size += text.length;
  if (size > limits.maxStringLength) throw sizeLimitError('maxStringLength', size, limits.maxStringLength, '$join making a string');
  return texts.join(glue);
}

function boundedString(limits: SizeLimits, value: unknown, prettify: boolean | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'function' || isJsonataFunction(value)) return '';
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new PermanentError('expression_failed', `$string cannot write ${value} as JSON; give it a finite number`);
  }
  const outer = Array.isArray(value) && (value as unknown[] & { outerWrapper?: boolean }).outerWrapper === true ? (value as unknown[])[0] : value;
  const estimate = jsonSizeBeyond(outer, limits.maxStringLength);
  if (estimate > limits.maxStringLength) throw sizeLimitError('maxStringLength', estimate, limits.maxStringLength, '$string making JSON');
  // As JSONata's $string: non-integers to 15 significant digits, functions as "".
  return JSON.stringify(outer, (_key, item: unknown) => {
    if (typeof item === 'number' && !Number.isInteger(item) && Number.isFinite(item)) return Number(item.toPrecision(15));
    if (typeof item === 'function' || isJsonataFunction(item)) return '';
    return item;
  }, prettify === true ? 2 : 0);
}

/**
 * A lower bound of the JSON length of `value`, counted until it passes `max`
 * (so the walk stops early on a value with many references to one big string).
 */
function jsonSizeBeyond(value: unknown, max: number): number {
  let size = 0;
  const pending: unknown[] = [value];
  while (pending.length > 0 && size <= max) {
    const item = pending.pop();
    if (typeof item === 'string') size += item.length + 2;
    else if (Array.isArray(item)) {
      size += item.length + 1;
      for (const member of item as unknown[]) pending.push(member);
    } else if (typeof item === 'object' && item !== null && !isJsonataFunction(item)) {
      for (const [key, member] of Object.entries(item)) {
        size += key.length + 4;
        pending.push(member);
      }
    } else size += 4;
  }
  return size;
}
