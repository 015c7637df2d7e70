/**
 * Rendering templated values: the strings inside step parameters (`with`),
 * `set` values and bodies, at any depth.
 */
import { PermanentError, TollgateError } from '../core/errors.ts';
import type { Issue } from '../core/errors.ts';
import type { Variables } from '../core/json.ts';
import { INDIRECT } from './direct-evaluation.ts';
import { checkExpression, compileExpression, evaluateDirectly, evaluateWithJsonata } from './expression.ts';
import type { EvaluateOptions } from './expression.ts';
import { checkTemplate, isTemplate, parseTemplate } from './template-parser.ts';

export interface RenderOptions extends EvaluateOptions {
  /** Where the value sits, for error paths, e.g. `steps[3].with`. */
  path?: string;
}

/** One `{{ expr }}` found in a value, and where. */
export interface TemplateExpression {
  path: string;
  source: string;
}

/**
 * Renders every template string inside `value` (strings, arrays, objects, deep).
 *
 * - A string that is exactly one `{{ expr }}` takes the value's own type
 *   (number, boolean, object, `null`). When it gives nothing (`undefined`) the
 *   entry is dropped: an object key is left out, an array element too.
 * - In a longer string each `{{ expr }}` becomes text: strings as they are,
 *   numbers and booleans by `String`, objects and arrays as JSON. Nothing or
 *   `null` there is an error, never an empty string.
 * @throws PermanentError `template_value_missing`, or any evaluation error with its path.
 * @example await renderTemplate({ amount: '{{ $minor(refundAmount, "usd") }}' }, { refundAmount: 19.99 }) // { amount: 1999 }
 */
export async function renderTemplate(value: unknown, variables: Variables, options: RenderOptions = {}): Promise<unknown> {
  const { path = '', ...limits } = options;
  // Most templates evaluate directly: a plain walk, without a generator and its garbage. One that cannot goes the general way.
  const direct = renderDirectly(value, path, variables, limits);
  if (direct !== INDIRECT) return direct;
  // One walk in document order; each expression is evaluated at once when it can be, and awaited only when JSONata must run it.
  const walk = render(value, path);
  let step = walk.next();
  while (step.done !== true) {
    const { source, path: at } = step.value;
    let result: unknown;
    try {
      const compiled = compileExpression(source);
      result = evaluateDirectly(compiled, variables, limits);
      if (result === INDIRECT) result = await evaluateWithJsonata(compiled, variables, limits);
    } catch (error) {
      throw locate(error, at);
    }
    step = walk.next(result);
  }
  return step.value;
}

/** Every expression source in the templates inside `value`, in document order. */
export function templateExpressions(value: unknown): string[] {
  return listTemplateExpressions(value).map((found) => found.source);
}

/**
 * Every `{{ expr }}` inside `value` with its path. Strings whose template syntax
 * is broken are skipped here; {@link checkTemplates} reports them.
 */
export function listTemplateExpressions(value: unknown, options: { path?: string } = {}): TemplateExpression[] {
  const found: TemplateExpression[] = [];
  walkStrings(value, options.path ?? '', (text, path) => {
    if (checkTemplate(text) !== null) return;
    for (const part of parseTemplate(text).parts) {
      if (part.type === 'expression') found.push({ path, source: part.source });
    }
  });
  return found;
}

/** Template syntax errors and expressions that do not parse, inside `value`, with their paths. */
export function checkTemplates(value: unknown, options: { path?: string } = {}): Issue[] {
  const issues: Issue[] = [];
  walkStrings(value, options.path ?? '', (text, path) => {
    const syntax = checkTemplate(text, { path });
    if (syntax) {
      issues.push(syntax);
      return;
    }
    for (const part of parseTemplate(text).parts) {
      const issue = part.type === 'expression' ? checkExpression(part.source, { path }) : null;
      if (issue) issues.push(issue);
    }
  });
  return issues;
}

/** An expression the walk needs the value of, and where it sits; the walk goes on with that value. */
interface Wanted {
  source: string;
  path: string;
}

type Render = Generator<Wanted, unknown, unknown>;

function* render(value: unknown, path: string): Render {
  if (typeof value === 'string') return yield* renderString(value, path);
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    for (const [index, item] of (value as unknown[]).entries()) {
      const rendered = yield* render(item, `${path}[${index}]`);
      if (rendered !== undefined) items.push(rendered);
    }
    return items;
  }
  if (typeof value === 'object' && value !== null) {
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const rendered = yield* render(item, childPath(path, key));
      if (rendered !== undefined) result[key] = rendered;
    }
    return result;
  }
  return value;
}

function* renderString(text: string, path: string): Render {
  if (!isTemplate(text)) return text;
  const template = withPath(path, () => parseTemplate(text));
  if (template.whole !== undefined) return yield { source: template.whole, path };
  let output = '';
  for (const part of template.parts) {
    if (part.type === 'text') {
      output += part.text;
      continue;
    }
    const value = yield { source: part.source, path };
    if (value === undefined || value === null) throw valueMissing(value, { source: part.source, path, text });
    output += textOf(value);
  }
  return output;
}

/**
 * The walk of `render` when every expression evaluates directly, evaluating
 * each as it comes: the same value, or the same error at the same place.
 * `INDIRECT` at the first expression that does not (JSONata must run it).
 */
function renderDirectly(value: unknown, path: string, variables: Variables, limits: EvaluateOptions): unknown {
  if (typeof value === 'string') return renderStringDirectly(value, path, variables, limits);
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    for (let index = 0; index < value.length; index += 1) {
      const rendered = renderDirectly(value[index], `${path}[${index}]`, variables, limits);
      if (rendered === INDIRECT) return INDIRECT;
      if (rendered !== undefined) items.push(rendered);
    }
    return items;
  }
  if (typeof value === 'object' && value !== null) {
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const rendered = renderDirectly(item, childPath(path, key), variables, limits);
      if (rendered === INDIRECT) return INDIRECT;
      if (rendered !== undefined) result[key] = rendered;
    }
    return result;
  }
  return value;
}

function renderStringDirectly(text: string, path: string, variables: Variables, limits: EvaluateOptions): unknown {
  if (!isTemplate(text)) return text;
  const template = withPath(path, () => parseTemplate(text));
  if (template.whole !== undefined) return evaluateDirectlyAt(template.whole, path, variables, limits);
  let output = '';
  for (const part of template.parts) {
    if (part.type === 'text') {
      output += part.text;
      continue;
    }
    const value = evaluateDirectlyAt(part.source, path, variables, limits);
    if (value === INDIRECT) return INDIRECT;
    if (value === undefined || value === null) throw valueMissing(value, { source: part.source, path, text });
    output += textOf(value);
  }
  return output;
}

function evaluateDirectlyAt(source: string, path: string, variables: Variables, limits: EvaluateOptions): unknown {
  try {
    return evaluateDirectly(compileExpression(source), variables, limits);
  } catch (error) {
    throw locate(error, path);
  }
}

function valueMissing(value: null | undefined, at: { source: string; path: string; text: string }): PermanentError {
  const { source, path, text } = at;
  return new PermanentError(
    'template_value_missing',
    `${path === '' ? '' : `${path}: `}"{{ ${source} }}" gave ${value === null ? 'null' : 'nothing'}; check the variable names, or give a fallback in the expression, e.g. {{ name ? name : "n/a" }}`,
    { path: path === '' ? undefined : path, details: { expression: source, template: text } },
  );
}

/** A value as text inside a longer string: strings as they are, numbers and booleans by String, the rest as JSON. */
function textOf(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'boolean':
      return String(value);
    default:
      return JSON.stringify(value);
  }
}

function withPath<T>(path: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw locate(error, path);
  }
}

/** The error with the template's path added, so a run's journal says which parameter failed. */
function locate(error: unknown, path: string): unknown {
  if (error instanceof TollgateError && error.path === undefined && path !== '') {
    return new PermanentError(error.code, `${path}: ${error.message}`, { path, cause: error, details: error.details });
  }
  return error;
}

function walkStrings(value: unknown, path: string, visit: (text: string, path: string) => void): void {
  if (typeof value === 'string') {
    if (isTemplate(value)) visit(value, path);
  } else if (Array.isArray(value)) {
    (value as unknown[]).forEach((item, index) => walkStrings(item, `${path}[${index}]`, visit));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) walkStrings(item, childPath(path, key), visit);
  }
}

function childPath(path: string, key: string): string {
  if (!/^[A-Za-z_$][\w$]*$/.test(key)) return `${path}[${JSON.stringify(key)}]`;
  return path === '' ? key : `${path}.${key}`;
}
