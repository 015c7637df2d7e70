/**
 * Templates are strings with `{{ expr }}` parts. A JSONata expression may hold
 * braces and quotes of its own (`{{ {"a": {"b": 1}} }}`), so the closing `}}`
 * is found by scanning the expression, not by a regular expression.
 */
import { InvalidInputError } from '../core/errors.ts';
import type { Issue } from '../core/errors.ts';
import { LruCache } from './lru-cache.ts';

export type TemplatePart = { type: 'text'; text: string } | { type: 'expression'; source: string };

export interface ParsedTemplate {
  parts: readonly TemplatePart[];
  /**
   * The expression source when the whole string is one `{{ expr }}` (ignoring
   * whitespace around it): its value keeps its type instead of becoming text.
   */
  whole: string | undefined;
}

const parsedCache = new LruCache<string, ParsedTemplate>(1000);

/** True when a string holds template syntax (`{{` or `}}`) at all. */
export function isTemplate(text: string): boolean {
  return text.includes('{{') || text.includes('}}');
}

/**
 * Splits a template string into text and expression parts (cached per string).
 * @throws InvalidInputError `template_invalid` for an unclosed `{{`, a `}}`
 *   with no `{{`, or an empty `{{ }}`.
 * @example parseTemplate('Refund {{ id }}').parts // [{type:'text', text:'Refund '}, {type:'expression', source:'id'}]
 */
export function parseTemplate(text: string): ParsedTemplate {
  const cached = parsedCache.get(text);
  if (cached) return cached;
  const parts: TemplatePart[] = [];
  let textStart = 0;
  let index = 0;
  while (index < text.length) {
    if (text.startsWith('{{', index)) {
      const end = closingBraces(text, index + 2);
      if (end === -1) throw templateError(text, `"{{" at character ${index + 1} is never closed; add "}}" after the expression`);
      const source = text.slice(index + 2, end).trim();
      if (source === '') throw templateError(text, `"{{ }}" at character ${index + 1} is empty; put an expression inside, e.g. {{ customer.email }}`);
      if (index > textStart) parts.push({ type: 'text', text: text.slice(textStart, index) });
      parts.push({ type: 'expression', source });
      index = end + 2;
      textStart = index;
    } else if (text.startsWith('}}', index)) {
      throw templateError(text, `"}}" at character ${index + 1} has no "{{" before it; remove it or add the opening "{{"`);
    } else {
      index += 1;
    }
  }
  if (textStart < text.length) parts.push({ type: 'text', text: text.slice(textStart) });
  const parsed: ParsedTemplate = { parts, whole: wholeExpression(parts) };
  parsedCache.set(text, parsed);
  return parsed;
}

/**
 * Checks template syntax, for validation. Returns the problem, or `null`.
 * @example checkTemplate('Hi {{ name', { path: 'steps[0].with.subject' })
 */
export function checkTemplate(text: string, options: { path?: string } = {}): Issue | null {
  try {
    parseTemplate(text);
    return null;
  } catch (error) {
    if (error instanceof InvalidInputError) return { path: options.path ?? '', message: error.message };
    throw error;
  }
}

/** Index of the `}}` that closes an expression starting at `start`, or -1. */
function closingBraces(text: string, start: number): number {
  let depth = 0;
  let index = start;
  while (index < text.length) {
    const char = text[index];
    if (char === '"' || char === "'" || char === '`') {
      index = skipQuoted(text, index);
      continue;
    }
    if (char === '/' && text[index + 1] === '*') {
      const close = text.indexOf('*/', index + 2);
      if (close === -1) return -1;
      index = close + 2;
      continue;
    }
    if (char === '{') depth += 1;
    if (char === '}') {
      if (depth === 0 && text[index + 1] === '}') return index;
      if (depth > 0) depth -= 1;
    }
    index += 1;
  }
  return -1;
}

/** Index just past the string or backquoted name starting at `start`. */
function skipQuoted(text: string, start: number): number {
  const quote = text[start];
  let index = start + 1;
  while (index < text.length) {
    const char = text[index];
    if (char === '\\' && quote !== '`') index += 2;
    else if (char === quote) return index + 1;
    else index += 1;
  }
  return index;
}

function wholeExpression(parts: readonly TemplatePart[]): string | undefined {
  const expressions = parts.filter((part) => part.type === 'expression');
  const onlyBlankText = parts.every((part) => part.type === 'expression' || part.text.trim() === '');
  const [only] = expressions;
  return expressions.length === 1 && onlyBlankText && only?.type === 'expression' ? only.source : undefined;
}

function templateError(text: string, problem: string): InvalidInputError {
  const message = `template "${text}": ${problem}`;
  return new InvalidInputError('template_invalid', message, [{ path: '', message }], { details: { template: text } });
}
