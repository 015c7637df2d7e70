import type { Issue } from '../core/errors.ts';

/**
 * How bad a problem is. An error refuses the definition; a warning is reported
 * and the definition is accepted, since what it points at may be intended.
 */
export const IssueSeverity = { error: 'error', warning: 'warning' } as const;
export type IssueSeverity = (typeof IssueSeverity)[keyof typeof IssueSeverity];

/** One step of a path into a document: a field name or a list index. */
export type PathKey = string | number;

/**
 * One problem found in a definition.
 *
 * `path` names the document and the place in it (`Workflow customer-refund: steps[2].next`);
 * `message` starts with the dotted path and says what is wrong and how to fix it
 * (`steps[2].next: no step "procss_refund" (did you mean "process_refund"?)`).
 */
export interface DefinitionIssue extends Issue {
  /** The document, e.g. `Workflow customer-refund`, or `document #3` when it has no kind or id. */
  document: string;
  /** The same place as `path`, as field names and list indexes. */
  keys: PathKey[];
  /** File position such as `customer-refund.yaml:34:11`, when the document came from text. */
  location?: string;
  severity: IssueSeverity;
}

const IDENTIFIER = /^[A-Za-z_$][\w$-]*$/;

/** `['steps', 2, 'with', 'amount']` → `steps[2].with.amount`. */
export function formatPath(keys: readonly PathKey[]): string {
  let text = '';
  for (const key of keys) {
    if (typeof key === 'number') text += `[${key}]`;
    else if (IDENTIFIER.test(key)) text += text === '' ? key : `.${key}`;
    else text += `[${JSON.stringify(key)}]`;
  }
  return text;
}

/** The other way: `steps[2].with["a b"]` → `['steps', 2, 'with', 'a b']`. */
export function parsePath(text: string): PathKey[] {
  const keys: PathKey[] = [];
  for (const match of text.matchAll(/([^.[\]]+)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]/g)) {
    if (match[1] !== undefined) keys.push(match[1]);
    else if (match[2] !== undefined) keys.push(Number(match[2]));
    else if (match[3] !== undefined) keys.push(JSON.parse(`"${match[3]}"`) as string);
  }
  return keys;
}

/** One line for people: `customer-refund.yaml:34:11 Workflow customer-refund: steps[2].next: no step ...` (`warning: ` first for a warning). */
export function formatIssue(issue: DefinitionIssue): string {
  const where = issue.location === undefined ? '' : `${issue.location} `;
  const severity = issue.severity === IssueSeverity.warning ? 'warning: ' : '';
  return `${where}${severity}${issue.document}: ${issue.message}`;
}

/**
 * How checks report a problem: where (inside the document) and what, an error
 * unless `severity` says warning; the caller adds document and location.
 */
export type ReportIssue = (keys: readonly PathKey[], message: string, options?: { at?: 'key' | 'value'; severity?: IssueSeverity }) => void;
