import type { BuilderIssue } from '../builder-types.ts';
import type { Keys } from './step-location.ts';

/** An issue with its keys made relative to the part of the document a form edits. */
export interface PlacedIssue {
  issue: BuilderIssue;
  /** The keys below the form's own, e.g. `['with', 'amount']` in a step form. */
  rest: Keys;
}

function startsWith(keys: Keys, prefix: Keys): boolean {
  return prefix.every((key, index) => keys[index] === key);
}

/**
 * The issues about the part of the document at `prefix`: `['trigger']` for the trigger form, the
 * step's keys (see step-location.ts: the builder's `context.path` is resolved to the step's position,
 * e.g. `['steps', 2]`) for a step form. Issues of the steps nested in a parallel or foreach body
 * (`[...prefix, 'steps', ...]`, `[...prefix, 'branches', n, 'steps', ...]`) belong to those steps'
 * forms and are left out here.
 */
export function issuesUnder(issues: readonly BuilderIssue[], prefix: Keys): PlacedIssue[] {
  return issues
    .filter((issue) => startsWith(issue.keys, prefix))
    .map((issue) => ({ issue, rest: issue.keys.slice(prefix.length) }))
    .filter(({ rest }) => !(rest[0] === 'steps' && rest.length > 1) && !(rest[0] === 'branches' && rest[2] === 'steps' && rest.length > 3));
}

/** The messages of the issues at `keys` or below it, for the field that edits `keys`. */
export function issuesAt(placed: readonly PlacedIssue[], keys: Keys): BuilderIssue[] {
  return placed.filter(({ rest }) => startsWith(rest, keys)).map(({ issue }) => issue);
}

/** The issues no field of the form claims: their first key is not among `fields` (shown at the top of the form). */
export function unplacedIssues(placed: readonly PlacedIssue[], fields: readonly (string | number)[]): BuilderIssue[] {
  return placed.filter(({ rest }) => rest.length === 0 || !fields.includes(rest[0] as string | number)).map(({ issue }) => issue);
}
