/**
 * Regular expressions from users (JSONata `/.../` literals, form field
 * `pattern`s) run on RE2, whose matching time is linear in the input: a
 * backtracking pattern such as `/(a+)+$/` cannot block the process. RE2 has no
 * backreferences or lookaround; such patterns are refused when compiled.
 */
import { RE2JS } from 're2js';
import { InvalidInputError } from '../core/errors.ts';

const FLAGS: Readonly<Record<string, number>> = { i: RE2JS.CASE_INSENSITIVE, m: RE2JS.MULTILINE, s: RE2JS.DOTALL };
// `g` and `y` change how a RegExp object is stepped through, not what it matches; lastIndex does that here.
const STEPPING_FLAGS = new Set(['g', 'y', 'u', 'd']);

/**
 * Compiles a pattern for linear-time matching.
 * @throws InvalidInputError `regex_unsupported` for a pattern RE2 cannot run (a backreference,
 *   lookahead or lookbehind), `regex_invalid` for one that does not parse at all, with the reason.
 * @example compileLinearPattern('^(ch|pi)_').test('ch_123') // true
 */
export function compileLinearPattern(source: string, flags = ''): RE2JS {
  let bits = 0;
  for (const flag of flags) {
    const bit = FLAGS[flag];
    if (bit !== undefined) bits |= bit;
    else if (!STEPPING_FLAGS.has(flag)) throw unsupported(source, `the flag "${flag}" is not supported`);
  }
  try {
    return RE2JS.compile(RE2JS.translateRegExp(source), bits);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (!isJavaScriptPattern(source)) {
      throw new InvalidInputError('regex_invalid', `/${source}/ is not a regular expression (${reason}); fix it, e.g. ^(ch|pi)_`, [], {
        cause: error,
        details: { pattern: source },
      });
    }
    throw unsupported(source, reason, error);
  }
}

// Only parses the pattern (never runs it), to tell a typo from a construct RE2 lacks.
function isJavaScriptPattern(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}

/**
 * A `RegExp` look-alike backed by RE2, for JSONata's `RegexEngine` option:
 * JSONata sets `lastIndex`, calls `exec`, and reads `index`, the groups and
 * `lastIndex` again, as with a global RegExp.
 */
export class LinearRegExp {
  /** Where the next `exec` starts searching, as on a global RegExp. */
  lastIndex = 0;
  readonly source: string;
  readonly flags: string;
  readonly #pattern: RE2JS;

  /** `compiled` holds patterns compiled ahead, by {@link patternKey}; others are compiled here. */
  constructor(pattern: RegExp | string, flags?: string, compiled?: ReadonlyMap<string, RE2JS>) {
    this.source = typeof pattern === 'string' ? pattern : pattern.source;
    this.flags = flags ?? (typeof pattern === 'string' ? '' : pattern.flags);
    this.#pattern = compiled?.get(patternKey(this.source, this.flags)) ?? compileLinearPattern(this.source, this.flags);
  }

  /** The next match at or after `lastIndex`, which moves to the end of the match; `null` (and `lastIndex` 0) when none. */
  exec(input: string): RegExpExecArray | null {
    const matcher = this.#pattern.matcher(input);
    if (this.lastIndex > input.length || !matcher.find(this.lastIndex)) {
      this.lastIndex = 0;
      return null;
    }
    const groups: (string | undefined)[] = [];
    for (let group = 0; group <= matcher.groupCount(); group++) groups.push(matcher.group(group) ?? undefined);
    const result = Object.assign(groups, { index: matcher.start(), input }) as RegExpExecArray;
    this.lastIndex = matcher.end();
    return result;
  }

  test(input: string): boolean {
    return this.exec(input) !== null;
  }
}

/**
 * A {@link LinearRegExp} class for JSONata's `RegexEngine` option that takes
 * the patterns in `compiled` (an expression's literals, compiled once when the
 * expression is) instead of compiling them at every evaluation.
 */
export function linearRegexEngine(compiled: ReadonlyMap<string, RE2JS>): typeof LinearRegExp {
  return class extends LinearRegExp {
    constructor(pattern: RegExp | string, flags?: string) {
      super(pattern, flags, compiled);
    }
  };
}

/** The key of a pattern with its flags in a map of compiled patterns. */
export function patternKey(source: string, flags: string): string {
  return `${flags}/${source}`;
}

function unsupported(source: string, reason: string, cause?: unknown): InvalidInputError {
  return new InvalidInputError(
    'regex_unsupported',
    `the regular expression /${source}/ cannot be used (${reason}); patterns run on a linear-time engine without backreferences or lookaround, so rewrite it without them`,
    [],
    { cause, details: { pattern: source } },
  );
}
