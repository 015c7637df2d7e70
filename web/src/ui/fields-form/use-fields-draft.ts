import { useState } from 'react';
import type { ApiError } from '../../api/api-error.ts';
import type { FormField } from '../../api/types.ts';
import { formProblems, initialDraft, valuesOf, type DraftValue, type FormDraft } from './form-draft.ts';

/**
 * The values of a form of definition fields as the person fills them in, and what is wrong with them:
 * the draft's problems by the server's own field rules (shown from the first try to send on, then as
 * the person types; not on leaving a field, where an error appearing moves the button under a pointer
 * on its way to it), and the server's issues by field, each gone once its field is edited.
 * `issuePrefix`: where the server's issues about a field start (`values.`, `input.`).
 * The sending is the caller's (use-fields-form.ts for a form that only sends its fields).
 */
export function useFieldsDraft(fields: readonly FormField[], issuePrefix: string) {
  const [draft, setDraft] = useState<FormDraft>(() => initialDraft(fields));
  const [tried, setTried] = useState(false);
  const [serverIssues, setServerIssues] = useState<ReadonlyMap<string, string>>(new Map());
  const problems = formProblems(fields, draft);
  const isFieldIssue = (path: string) => path.startsWith(issuePrefix);

  const change = (key: string, value: DraftValue) => {
    setDraft((current) => ({ ...current, [key]: value }));
    setServerIssues((current) => {
      if (!current.has(key)) return current;
      const next = new Map(current);
      next.delete(key);
      return next;
    });
  };

  /** Marks a try to send: the problems show from now on. True when there are none; else the first bad field gets the focus. */
  const check = (): boolean => {
    setTried(true);
    if (problems.size === 0) return true;
    document.getElementById(`field-${[...problems.keys()][0]}`)?.focus();
    return false;
  };

  /** Keeps the server's issues about fields from its refusal, to show at their fields. */
  const takeIssues = (error: ApiError) => {
    const issues = error.issues.filter((issue) => isFieldIssue(issue.path));
    setServerIssues(new Map(issues.map((issue) => [issue.path.slice(issuePrefix.length), issue.message])));
  };

  return {
    draft,
    change,
    check,
    takeIssues,
    /** Whether the server's refusal is about one of the fields (shown there, not above the form). */
    isAboutFields: (error: ApiError) => error.issues.some((issue) => isFieldIssue(issue.path)),
    /** The values to send. */
    values: () => valuesOf(fields, draft),
    /** The problems of the draft, counted for the summary once the person has tried to send. */
    problems: tried ? problems : new Map<string, string>(),
    errorOf: (key: string) => serverIssues.get(key) ?? (tried ? problems.get(key) : undefined),
  };
}
