/**
 * JSONata expressions: compiled once, evaluated many times, bounded in time,
 * depth and the size of the values they make, with regular expressions run by
 * a linear-time engine, and the money helpers `$minor`, `$major` and `$money`.
 */
import jsonata from 'jsonata';
import { InvalidInputError, PermanentError, TollgateError } from '../core/errors.ts';
import type { Issue } from '../core/errors.ts';
import type { Variables } from '../core/json.ts';
import type { RE2JS } from 're2js';
import { compileDirect, INDIRECT, type DirectProgram } from './direct-evaluation.ts';
import { compileLinearPattern, linearRegexEngine, patternKey } from './linear-regexp.ts';
import { LruCache } from './lru-cache.ts';
import { formatMoney, toMajor, toMinor } from './money.ts';
import { toPlainValue } from './plain-value.ts';
import { regexLiterals } from './regex-literals.ts';
import { installSizeLimits, sizeLimitError } from './size-limits.ts';

/** Limits for one evaluation. */
export interface EvaluateOptions {
  /** Wall-clock budget in milliseconds (default 1000). */
  timeoutMs?: number;
  /** Deepest nesting of evaluation steps, which recursion grows (default 200). */
  maxDepth?: number;
  /** Longest string any step may make, in characters (default 1,000,000). */
  maxStringLength?: number;
  /** Most items of any array, sequence or range a step may make (default 100,000). */
  maxItems?: number;
}

/** A parsed expression, ready to evaluate. Get one from {@link compileExpression}. */
export interface CompiledExpression {
  readonly source: string;
  /** The JSONata syntax tree; read it, do not change it. */
  readonly ast: jsonata.ExprNode;
  /** The JSONata program bounded by these limits, compiled on first use. */
  readonly program: (limits: Required<EvaluateOptions>) => jsonata.Expression;
  /** The same evaluated without JSONata, for the common shapes (direct-evaluation.ts). */
  readonly direct: DirectProgram | undefined;
}

export const DEFAULT_TIMEOUT_MS = 1000;
export const DEFAULT_MAX_DEPTH = 200;
export const DEFAULT_MAX_STRING_LENGTH = 1_000_000;
export const DEFAULT_MAX_ITEMS = 100_000;
const DEFAULT_LIMITS: Required<EvaluateOptions> = {
  timeoutMs: DEFAULT_TIMEOUT_MS,
  maxDepth: DEFAULT_MAX_DEPTH,
  maxStringLength: DEFAULT_MAX_STRING_LENGTH,
  maxItems: DEFAULT_MAX_ITEMS,
};

// Bounded, so a stream of distinct expressions cannot grow memory without limit.
const compiledCache = new LruCache<string, CompiledExpression>(1000);

/**
 * Parses a JSONata expression, or returns the cached result for the same source.
 * @throws InvalidInputError `expression_invalid` when the source does not parse, or
 *   `regex_unsupported` for a regular expression the linear-time engine cannot run.
 * @example const isLarge = compileExpression('object.amount > $minor(1000, "usd")');
 */
export function compileExpression(source: string): CompiledExpression {
  const cached = compiledCache.get(source);
  if (cached) return cached;
  const first = parse(source, DEFAULT_LIMITS);
  const programs = new LruCache<string, jsonata.Expression>(8);
  programs.set(limitsKey(DEFAULT_LIMITS), first);
  const ast = first.ast();
  const compiled: CompiledExpression = {
    source,
    ast,
    direct: compileDirect(ast),
    program: (limits) => {
      const key = limitsKey(limits);
      let program = programs.get(key);
      if (!program) {
        program = parse(source, limits);
        programs.set(key, program);
      }
      return program;
    },
  };
  compiledCache.set(source, compiled);
  return compiled;
}

/**
 * Evaluates a compiled expression with `variables` as its root context, so
 * `refundAmount` reads `variables.refundAmount`. A missing path gives
 * `undefined`; arrays and objects come back as plain JSON values.
 * @throws PermanentError `expression_limit_exceeded` past the time, depth or a size limit,
 *   `expression_failed` for any other evaluation error, or the helper's own code
 *   (e.g. `money_too_precise`) when `$minor`, `$major` or `$money` refuses a value.
 * @example await evaluate(compileExpression('$minor(19.99, "usd")'), {}) // 1999
 */
export async function evaluate(compiled: CompiledExpression, variables: Variables, options: EvaluateOptions = {}): Promise<unknown> {
  const direct = evaluateDirectly(compiled, variables, options);
  return direct === INDIRECT ? await evaluateWithJsonata(compiled, variables, options) : direct;
}

/** {@link evaluate} by JSONata alone, for a caller that had `INDIRECT` from {@link evaluateDirectly} already. */
export async function evaluateWithJsonata(compiled: CompiledExpression, variables: Variables, options: EvaluateOptions = {}): Promise<unknown> {
  const limits = resolveLimits(options);
  let result: unknown;
  try {
    result = await compiled.program(limits).evaluate(variables);
  } catch (error) {
    throw evaluationError(compiled.source, limits, error);
  }
  return toPlainValue(result, compiled.source);
}

/**
 * {@link evaluate} at once, for the expressions direct-evaluation.ts takes, with the same result
 * and errors; `INDIRECT` for the others (and for values off its track), which need {@link evaluate}.
 */
export function evaluateDirectly(compiled: CompiledExpression, variables: Variables, options: EvaluateOptions = {}): unknown {
  if (compiled.direct === undefined) return INDIRECT;
  const limits = resolveLimits(options);
  let result: unknown;
  try {
    result = compiled.direct(variables, limits);
  } catch (error) {
    throw evaluationError(compiled.source, limits, error);
  }
  return result === INDIRECT ? INDIRECT : toPlainValue(result, compiled.source);
}

/**
 * Checks that an expression parses, for validation. Returns the problem, or `null`.
 * @example checkExpression('amount >', { path: 'steps[1].branches[0].when' })
 */
export function checkExpression(source: string, options: { path?: string } = {}): Issue | null {
  try {
    compileExpression(source);
    return null;
  } catch (error) {
    if (error instanceof InvalidInputError) return { path: options.path ?? '', message: error.message };
    throw error;
  }
}

function parse(source: string, limits: Required<EvaluateOptions>): jsonata.Expression {
  if (source.trim() === '') {
    throw new InvalidInputError('expression_invalid', 'the expression is empty; write a JSONata expression such as amount > 100');
  }
  let program: jsonata.Expression;
  const patterns = new Map<string, RE2JS>();
  try {
    // RegexEngine: JSONata only calls `new`, `lastIndex` and `exec`, which LinearRegExp provides.
    const RegexEngine = linearRegexEngine(patterns) as unknown as RegExpConstructor;
    program = jsonata(source, { timeout: limits.timeoutMs, stack: limits.maxDepth, sequence: limits.maxItems, RegexEngine });
  } catch (error) {
    const problem = describeJsonataError(error);
    const near = problem.token === undefined || problem.token === '(end)' ? '' : ` near "${problem.token}"`;
    const at = problem.position === undefined ? '' : ` at character ${problem.position}`;
    const message = `expression "${source}" does not parse: ${problem.message}${at}${near}; fix the JSONata syntax`;
    throw new InvalidInputError('expression_invalid', message, [{ path: '', message }], {
      cause: error,
      details: { expression: source, jsonataCode: problem.code, position: problem.position },
    });
  }
  compileRegexLiterals(program, source, patterns);
  installSizeLimits(program, limits);
  program.registerFunction('minor', (major: number | string | undefined, currency: string | undefined) =>
    major === undefined || currency === undefined ? undefined : toMinor(major, currency), '<(ns)s:n>');
  program.registerFunction('major', (minor: number | undefined, currency: string | undefined) =>
    minor === undefined || currency === undefined ? undefined : toMajor(minor, currency), '<ns:n>');
  program.registerFunction('money', (minor: number | undefined, currency: string | undefined) =>
    minor === undefined || currency === undefined ? undefined : formatMoney(minor, currency), '<ns:s>');
  return program;
}

/** Compiles the expression's regex literals into `patterns`, refusing any RE2 cannot run. */
function compileRegexLiterals(program: jsonata.Expression, source: string, patterns: Map<string, RE2JS>): void {
  for (const literal of regexLiterals(program.ast())) {
    try {
      patterns.set(patternKey(literal.source, literal.flags), compileLinearPattern(literal.source, literal.flags));
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      const message = `expression "${source}": ${error.message}`;
      throw new InvalidInputError(error.code, message, [{ path: '', message }], { cause: error, details: { ...error.details, expression: source } });
    }
  }
}

function evaluationError(source: string, limits: Required<EvaluateOptions>, error: unknown): TollgateError {
  const details = { expression: source };
  if (error instanceof TollgateError) {
    return new PermanentError(error.code, `${error.message} (in expression "${source}")`, {
      cause: error,
      details: { ...error.details, ...details },
    });
  }
  if (error instanceof RangeError) {
    // V8 refuses a string past its own maximum length, e.g. one grown by repeated concatenation.
    const limit = sizeLimitError('maxStringLength', undefined, limits.maxStringLength, 'a string longer than JavaScript allows');
    return new PermanentError(limit.code, `expression "${source}": ${limit.message}`, { cause: error, details: { ...details, ...limit.details } });
  }
  const problem = describeJsonataError(error);
  if (problem.code === 'D2014' || problem.code === 'D2015') {
    const limit = sizeLimitError('maxItems', undefined, limits.maxItems, 'a range or sequence');
    return new PermanentError(limit.code, `expression "${source}": ${limit.message}`, { cause: error, details: { ...details, ...limit.details } });
  }
  if (problem.code === 'D1011') {
    return new PermanentError(
      'expression_limit_exceeded',
      `expression "${source}" went past the depth limit (${limits.maxDepth}); look for recursion that never ends`,
      { cause: error, details: { ...details, limit: 'depth', maxDepth: limits.maxDepth } },
    );
  }
  if (problem.code === 'D1012') {
    return new PermanentError(
      'expression_limit_exceeded',
      `expression "${source}" went past the time limit (${limits.timeoutMs} ms); look for a loop that never ends or a range that is too large`,
      { cause: error, details: { ...details, limit: 'time', timeoutMs: limits.timeoutMs } },
    );
  }
  const at = problem.position === undefined ? '' : ` at character ${problem.position}`;
  return new PermanentError('expression_failed', `expression "${source}" failed${at}: ${problem.message}`, {
    cause: error,
    details: { ...details, jsonataCode: problem.code, position: problem.position },
  });
}

interface JsonataProblem {
  code: string | undefined;
  message: string;
  position: number | undefined;
  token: string | undefined;
}

// JSONata throws plain objects ({code, message, position, token}), not Error instances.
function describeJsonataError(error: unknown): JsonataProblem {
  if (typeof error !== 'object' || error === null) {
    return { code: undefined, message: String(error), position: undefined, token: undefined };
  }
  const fields = error as Record<string, unknown>;
  return {
    code: typeof fields.code === 'string' ? fields.code : undefined,
    message: typeof fields.message === 'string' ? fields.message : 'an error without a message',
    position: typeof fields.position === 'number' ? fields.position : undefined,
    token: typeof fields.token === 'string' ? fields.token : undefined,
  };
}

function resolveLimits(options: EvaluateOptions): Required<EvaluateOptions> {
  if (options.timeoutMs === undefined && options.maxDepth === undefined && options.maxStringLength === undefined && options.maxItems === undefined) {
    return DEFAULT_LIMITS;
  }
  const limits = {
    timeoutMs: options.timeoutMs ?? DEFAULT_LIMITS.timeoutMs,
    maxDepth: options.maxDepth ?? DEFAULT_LIMITS.maxDepth,
    maxStringLength: options.maxStringLength ?? DEFAULT_LIMITS.maxStringLength,
    maxItems: options.maxItems ?? DEFAULT_LIMITS.maxItems,
  };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isInteger(value) || value < 1) {
      throw new InvalidInputError('expression_options_invalid', `${name} must be a positive whole number, got ${value}`);
    }
  }
  return limits;
}

function limitsKey(limits: Required<EvaluateOptions>): string {
  return `${limits.timeoutMs}/${limits.maxDepth}/${limits.maxStringLength}/${limits.maxItems}`;
}
