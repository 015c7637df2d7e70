import { InvalidInputError } from '../core/errors.ts';

/**
 * The deepest nesting of arrays and objects a request body may have. Real
 * payloads (Stripe events, definitions, form values) stay far below it; a
 * body nested thousands deep would overflow the stack of the recursive code
 * that reads, stores or serializes it later.
 */
export const MAX_BODY_DEPTH = 64;

/**
 * Refuses text whose `[`/`{` nesting goes deeper than `maxDepth`, in one pass
 * and before it is parsed. Brackets inside double-quoted strings do not count;
 * for YAML, whose other quoting styles are not followed, a quoted run of
 * opening brackets may count, which errs toward refusing.
 * @throws InvalidInputError `body_too_deep` (a 400) naming the limit.
 * @example checkBodyDepth('{"a": [1, {"b": 2}]}') // fine: depth 3
 */
export function checkBodyDepth(text: string, maxDepth = MAX_BODY_DEPTH): void {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (char === BACKSLASH) index++;
      else if (char === QUOTE) inString = false;
    } else if (char === QUOTE) inString = true;
    else if (char === OPEN_BRACKET || char === OPEN_BRACE) {
      depth++;
      if (depth > maxDepth) {
        throw new InvalidInputError(
          'body_too_deep',
          `the body nests arrays and objects more than ${maxDepth} levels deep (the limit); send a flatter document`,
          [],
          { path: 'body', details: { maxDepth } },
        );
      }
    } else if (char === CLOSE_BRACKET || char === CLOSE_BRACE) depth = Math.max(0, depth - 1);
  }
}

const BACKSLASH = 0x5c;
const QUOTE = 0x22;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
