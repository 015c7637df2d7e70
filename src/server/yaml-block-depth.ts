import { InvalidInputError } from '../core/errors.ts';
import { MAX_BODY_DEPTH } from './body-depth.ts';

/**
 * Refuses YAML whose block structure (indentation, and `- `/`? ` entries
 * nested on one line: `- - - x`) goes deeper than `maxDepth`, in one pass and
 * before it is parsed: brackets are not needed to nest YAML, and the parser
 * recurses per level (a few thousand levels overflow its stack). Each deeper
 * indentation counts as one level whatever its width, so an indented block
 * scalar's lines may count too, which errs toward refusing.
 * @throws InvalidInputError `body_too_deep` (a 400) naming the limit and the line.
 * @example checkYamlBlockDepth('steps:\n  - id: a\n    with: { x: 1 }') // fine: depth 3
 */
export function checkYamlBlockDepth(text: string, maxDepth = MAX_BODY_DEPTH): void {
  const indents: number[] = [];
  let lineNumber = 0;
  for (const line of text.split('\n')) {
    lineNumber++;
    const content = line.trimStart();
    if (content === '' || content.startsWith('#')) continue;
    const indent = line.length - content.length;
    while ((indents.at(-1) ?? -1) >= indent) indents.pop();
    indents.push(indent);
    const depth = indents.length + (COMPACT_ENTRIES.exec(content)?.[0].replace(/\s/g, '').length ?? 0);
    if (depth > maxDepth) {
      throw new InvalidInputError('body_too_deep', `the body nests YAML blocks more than ${maxDepth} levels deep (the limit) at line ${lineNumber}; send a flatter document`, [], {
        path: 'body',
        details: { maxDepth, line: lineNumber },
      });
    }
  }
}

/** `- `, `? ` or `: ` entry indicators opening nested collections at the start of a line. */
const COMPACT_ENTRIES = /^(?:[-?:][ \t]+)+/;
