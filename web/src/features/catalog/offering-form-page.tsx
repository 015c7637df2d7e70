import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { api } from '../../api/api-client.ts';
import type { FormField, Offering, SubmitRequestResponse } from '../../api/types.ts';
import { PageHeader } from '../../ui/page-header.tsx';
import { ErrorState, Loading } from '../../ui/states.tsx';
import { offeringQuery } from './catalog-queries.ts';
import { FieldsFormAlerts } from '../../ui/fields-form/fields-form-alerts.tsx';
import { FormFieldInput } from '../../ui/fields-form/form-field-input.tsx';
import { useFieldsForm } from '../../ui/fields-form/use-fields-form.ts';

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
  const form = useFieldsForm(fields, {
    issuePrefix: 'values.',
    send: (values, idempotencyKey) => api<SubmitRequestResponse>('POST', `/catalog/offerings/${encodeURIComponent(offeringRef)}/requests`, { body: { values }, idempotencyKey }),
    onSent: async ({ request }) => {
      await queries.invalidateQueries({ queryKey: ['requests'] });
      await navigate({ to: '/requests/$id', params: { id: request.id } });
    },
  });

  return (
    <>
      <PageHeader title={offering.title} subtitle={`${offering.service_title}${offering.description === null ? '' : ` · ${offering.description}`}`} />
      <form className="card offering-form" noValidate onSubmit={form.onSubmit} aria-label={offering.title}>
        {!offering.available && offering.unavailable_reason !== null && (
          <p className="form-error" role="alert">
            This offering takes no requests now: {offering.unavailable_reason.message}
          </p>
        )}
        <FieldsFormAlerts formError={form.formError} problems={form.problems} until="this can be submitted" />
        {fields.length === 0 && <p className="muted">This form has no fields: submit to ask.</p>}
        {fields.map((field) => (
          <FormFieldInput
            key={field.key}
            field={field}
            value={form.draft[field.key] ?? ''}
            error={form.errorOf(field.key)}
            onChange={(value) => form.change(field.key, value)}
          />
        ))}
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={form.sending || !offering.available}>
            {form.sending ? 'Submitting…' : 'Submit request'}
          </button>
          <Link to="/catalog" className="button subtle">
            Cancel
          </Link>
        </div>
      </form>
    </>
  );
}
