import type { z } from 'zod';
import type { Issue } from '../core/errors.ts';
import { formatPath, type PathKey } from '../definition/definition-issue.ts';

/** The request part an issue is in; issue paths start with it (`query.limit`, `body.input`). */
export type RequestPart = 'path' | 'query' | 'body';

/**
 * zod's issues as request issues. A union whose input matched one
 * alternative's type (an object where the other takes text) reports that
 * alternative's own issues, each at its path, instead of "expected a string";
 * an unknown field is reported at the field itself.
 */
export function requestIssues(error: z.ZodError, part: RequestPart): Issue[] {
  return error.issues.flatMap((issue) => flatten(issue, [part]));
}

function flatten(issue: z.core.$ZodIssue, prefix: readonly PathKey[]): Issue[] {
  const path = [...prefix, ...issue.path.map(toPathKey)];
  if (issue.code === 'invalid_union') {
    // An alternative whose only complaint is the input's type at its root did not match the input at all.
    const matching = issue.errors.filter((alternative) => !alternative.some((nested) => nested.code === 'invalid_type' && nested.path.length === 0));
    const [only] = matching;
    if (matching.length === 1 && only !== undefined) return only.flatMap((nested) => flatten(nested, path));
  }
  const at = issue.code === 'unrecognized_keys' && issue.keys.length === 1 && issue.keys[0] !== undefined ? [...path, issue.keys[0]] : path;
  const where = formatPath(at);
  return [{ path: where, message: `${where}: ${issue.message}` }];
}

function toPathKey(key: PropertyKey): PathKey {
  return typeof key === 'number' ? key : String(key);
}
