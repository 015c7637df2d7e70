import { useMutation } from '@tanstack/react-query';
import { useRef, type FormEvent } from 'react';
import { newIdempotencyKey } from '../../api/api-client.ts';
import { asApiError, type ApiError } from '../../api/api-error.ts';
import type { FormField } from '../../api/types.ts';
import type { DraftValue } from './form-draft.ts';
import { useFieldsDraft } from './use-fields-draft.ts';

interface FieldsFormOptions<Answer> {
  /** Where the server's issues about a field start: `values.` (a request's form), `input.` (a run's input). */
  issuePrefix: string;
  /** Sends the filled-in values, with one idempotency key per submit of the same values. */
  send: (values: Record<string, unknown>, idempotencyKey: string) => Promise<Answer>;
  onSent: (answer: Answer) => Promise<void>;
}

/**
 * A form of definition fields that sends just them (an offering's form, a manual trigger's input): the
 * draft and its problems (use-fields-draft.ts), and the submit, sent once per set of values however
 * often it is retried.
 */
export function useFieldsForm<Answer>(fields: readonly FormField[], options: FieldsFormOptions<Answer>) {
  const fieldsDraft = useFieldsDraft(fields, options.issuePrefix);
  // One key per submit of these values: a retry after a lost answer takes effect once; an edit starts a new submit.
  const idempotencyKey = useRef<string | null>(null);

  const send = useMutation({
    mutationFn: (key: string) => options.send(fieldsDraft.values(), key),
    onSuccess: options.onSent,
    onError: (error) => fieldsDraft.takeIssues(asApiError(error)),
  });
  const sendError = send.error === null ? undefined : asApiError(send.error);
  /** An error about no one field (shown above the form). */
  const formError: ApiError | undefined = sendError !== undefined && !fieldsDraft.isAboutFields(sendError) ? sendError : undefined;

  const change = (key: string, value: DraftValue) => {
    idempotencyKey.current = null;
    fieldsDraft.change(key, value);
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!fieldsDraft.check()) return;
    idempotencyKey.current ??= newIdempotencyKey();
    send.mutate(idempotencyKey.current);
  };

  return {
    draft: fieldsDraft.draft,
    change,
    onSubmit,
    problems: fieldsDraft.problems,
    errorOf: fieldsDraft.errorOf,
    formError,
    sending: send.isPending,
  };
}
