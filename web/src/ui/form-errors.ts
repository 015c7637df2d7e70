import type { ApiError, ApiIssue } from '../api/api-error.ts';

/**
 * A refused change's problems, by the form's fields: `at('body.title')` is the message for that input (an
 * issue at `body.members[1].email` counts for `body.members`), and `rest` what no field shows, for above the form.
 */
export function formErrors(error: ApiError | undefined, fields: readonly string[]): { at: (field: string) => string | undefined; rest: string | undefined } {
  if (error === undefined) return { at: () => undefined, rest: undefined };
  const issues = (error.issues.length > 0 ? error.issues : error.path === undefined ? [] : [{ path: error.path, message: error.message }]).map((issue) => ({ path: issue.path, message: issueText(issue) }));
  const under = (path: string, field: string) => path === field || path.startsWith(`${field}.`) || path.startsWith(`${field}[`);
  const at = (field: string) => {
    const found = issues.filter((issue) => under(issue.path, field));
    return found.length === 0 ? undefined : found.map((issue) => (issue.path === field ? issue.message : `${issue.path.slice(field.length).replace(/^\./, '')}: ${issue.message}`)).join(' ');
  };
  const unplaced = issues.filter((issue) => !fields.some((field) => under(issue.path, field)));
  const rest = issues.length === 0 ? error.message : unplaced.length === 0 ? undefined : unplaced.map((issue) => issue.message).join(' ');
  return { at, rest };
}

/** An issue's message without the path it starts with (`body.title: …`), since the field it is shown at says where. */
export function issueText(issue: ApiIssue): string {
  return issue.message.startsWith(`${issue.path}: `) ? issue.message.slice(issue.path.length + 2) : issue.message;
}
