import { useMutation } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { newIdempotencyKey } from '../../api/api-client.ts';
import { asApiError, type ApiError } from '../../api/api-error.ts';
import type { FormField } from '../../api/types.ts';
import { formProblems, initialDraft, valuesOf, type DraftValue, type FormDraft } from './form-draft.ts';

interface FieldsFormOptions<Answer> {
  /** Where the server's issues about a field start: `values.` (a request's form), `input.` (a run's input). */
  issuePrefix: string;
  /** Sends the filled-in values, with one idempotency key per submit of the same values. */
  send: (values: Record<string, unknown>, idempotencyKey: string) => Promise<Answer>;
  onSent: (answer: Answer) => Promise<void>;
}

/**
 * A form of definition fields (an offering's form, a manual trigger's input): the draft, its problems
 * by the server's own field rules (shown from the first submit on, then as the person types; not on
 * leaving a field, where an error appearing moves the button under a pointer on its way to it), the
 * server's issues by field, and the submit, sent once per set of values however often it is retried.
 */
export function useFieldsForm<Answer>(fields: readonly FormField[], options: FieldsFormOptions<Answer>) {
  const [draft, setDraft] = useState<FormDraft>(() => initialDraft(fields));
  const [submitted, setSubmitted] = useState(false);
  const [serverIssues, setServerIssues] = useState<ReadonlyMap<string, string>>(new Map());
  // One key per submit of these values: a retry after a lost answer takes effect once; an edit starts a new submit.
  const idempotencyKey = useRef<string | null>(null);
  const problems = formProblems(fields, draft);
  const ofField = (path: string) => path.startsWith(options.issuePrefix);

  const send = useMutation({
    mutationFn: (key: string) => options.send(valuesOf(fields, draft), key),
    onSuccess: options.onSent,
    onError: (error) => {
      const issues = asApiError(error).issues.filter((issue) => ofField(issue.path));
      setServerIssues(new Map(issues.map((issue) => [issue.path.slice(options.issuePrefix.length), issue.message])));
    },
  });
  const sendError = send.error === null ? undefined : asApiError(send.error);
  /** An error about no one field (shown above the form). */
  const formError: ApiError | undefined = sendError !== undefined && !sendError.issues.some((issue) => ofField(issue.path)) ? sendError : undefined;

  const change = (key: string, value: DraftValue) => {
    idempotencyKey.current = null;
    setDraft((current) => ({ ...current, [key]: value }));
    setServerIssues((current) => {
      if (!current.has(key)) return current;
      const next = new Map(current);
      next.delete(key);
      return next;
    });
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (problems.size > 0) {
      document.getElementById(`field-${[...problems.keys()][0]}`)?.focus();
      return;
    }
    idempotencyKey.current ??= newIdempotencyKey();
    send.mutate(idempotencyKey.current);
  };

  return {
    draft,
    change,
    onSubmit,
    /** The problems of the draft, counted for the summary once the person has tried to submit. */
    problems: submitted ? problems : new Map<string, string>(),
    errorOf: (key: string) => serverIssues.get(key) ?? (submitted ? problems.get(key) : undefined),
    formError,
    sending: send.isPending,
  };
}
