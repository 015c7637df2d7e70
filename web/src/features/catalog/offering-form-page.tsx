import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { useRef, useState, type FormEvent } from 'react';
import { api, newIdempotencyKey } from '../../api/api-client.ts';
import { asApiError } from '../../api/api-error.ts';
import type { FormField, Offering, SubmitRequestResponse } from '../../api/types.ts';
import { PageHeader } from '../../ui/page-header.tsx';
import { ErrorState, Loading } from '../../ui/states.tsx';
import { offeringQuery } from './catalog-queries.ts';
import { fieldKeyOf, formProblems, initialDraft, valuesOf, type DraftValue, type FormDraft } from './form-draft.ts';
import { FormFieldInput } from './form-field-input.tsx';

/** An offering's form: checked in the browser with the server's own rules, then submitted as a request. */
export function OfferingFormPage() {
  const { offeringId } = useParams({ from: '/app/catalog/$offeringId' });
  const offering = useQuery(offeringQuery(offeringId));
  return (
    <>
      <p className="back-link">
        <Link to="/catalog">← Catalog</Link>
      </p>
      {offering.isPending ? (
        <Loading />
      ) : offering.isError ? (
        <ErrorState error={offering.error} retry={() => void offering.refetch()} />
      ) : (
        <OfferingForm key={offering.data.offering.id} offering={offering.data.offering} offeringRef={offeringId} />
      )}
    </>
  );
}

function OfferingForm({ offering, offeringRef }: { offering: Offering; offeringRef: string }) {
  const navigate = useNavigate();
  const queries = useQueryClient();
  const fields: readonly FormField[] = offering.form;
  const [draft, setDraft] = useState<FormDraft>(() => initialDraft(fields));
  const [submitted, setSubmitted] = useState(false);
  const [serverIssues, setServerIssues] = useState<ReadonlyMap<string, string>>(new Map());
  // One key per submit of these values: a retry after a lost answer takes effect once; an edit starts a new submit.
  const idempotencyKey = useRef<string | null>(null);

  const problems = formProblems(fields, draft);
  const filledIn = valuesOf(fields, draft);
  // Checked from the first submit on, then as the person types. Not on leaving a field: an error
  // appearing then moves the Submit button under a pointer already on its way to it.
  const errorOf = (key: string) => serverIssues.get(key) ?? (submitted ? problems.get(key) : undefined);

  const submit = useMutation({
    mutationFn: (key: string) => api<SubmitRequestResponse>('POST', `/catalog/offerings/${encodeURIComponent(offeringRef)}/requests`, { body: { values: filledIn }, idempotencyKey: key }),
    onSuccess: async ({ request }) => {
      await queries.invalidateQueries({ queryKey: ['requests'] });
      await navigate({ to: '/requests/$id', params: { id: request.id } });
    },
    onError: (error) => {
      const issues = asApiError(error).issues;
      setServerIssues(new Map(issues.filter((issue) => issue.path.startsWith('values.')).map((issue) => [fieldKeyOf(issue.path), issue.message])));
    },
  });
  const submitError = submit.error === null ? undefined : asApiError(submit.error);
  const formLevelError = submitError !== undefined && !submitError.issues.some((issue) => issue.path.startsWith('values.')) ? submitError : undefined;

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
    submit.mutate(idempotencyKey.current);
  };

  return (
    <>
      <PageHeader title={offering.title} subtitle={`${offering.service_title}${offering.description === null ? '' : ` · ${offering.description}`}`} />
      <form className="card offering-form" noValidate onSubmit={onSubmit} aria-label={offering.title}>
        {!offering.available && offering.unavailable_reason !== null && (
          <p className="form-error" role="alert">
            This offering takes no requests now: {offering.unavailable_reason.message}
          </p>
        )}
        {formLevelError !== undefined && (
          <p className="form-error" role="alert">
            {formLevelError.message}
          </p>
        )}
        {submitted && problems.size > 0 && (
          <p className="form-error" role="alert">
            {problems.size === 1 ? 'One field needs' : `${problems.size} fields need`} attention before this can be submitted.
          </p>
        )}
        {fields.length === 0 && <p className="muted">This form has no fields: submit to ask.</p>}
        {fields.map((field) => (
          <FormFieldInput
            key={field.key}
            field={field}
            value={draft[field.key] ?? ''}
            error={errorOf(field.key)}
            onChange={(value) => change(field.key, value)}
          />
        ))}
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={submit.isPending || !offering.available}>
            {submit.isPending ? 'Submitting…' : 'Submit request'}
          </button>
          <Link to="/catalog" className="button subtle">
            Cancel
          </Link>
        </div>
      </form>
    </>
  );
}
