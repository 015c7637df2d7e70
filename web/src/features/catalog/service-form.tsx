import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { api } from '../../api/api-client.ts';
import { asApiError } from '../../api/api-error.ts';
import type { CatalogService, ServiceChange } from '../../api/types.ts';
import { idFromTitle } from '../../../../src/core/id-from-title.ts';
import { ErrorState, Loading } from '../../ui/states.tsx';
import { workflowsQuery } from '../workflows/workflow-queries.ts';
import { TextArea, TextField } from '../../ui/form-fields.tsx';
import { FormActions, useKeyedSubmit } from '../../ui/form-actions.tsx';
import { formErrors } from '../../ui/form-errors.ts';
import { OfferingsEditor } from './offerings-editor.tsx';
import { offeringsBody, rowsOf, type OfferingRow } from './offering-rows.ts';
import { workflowChoices } from './workflow-choices.ts';

const OFFERING_FIELDS = ['id', 'title', 'description', 'workflow', 'version', 'status'] as const;

/**
 * Making a service (title, id from the title until typed, description, offerings) or changing one (`service`):
 * each save applies the service's Service document, and a refusal shows at its field from the error's path.
 */
export function ServiceForm({ service, onClose }: { service?: CatalogService; onClose: () => void }) {
  const workflows = useQuery(workflowsQuery);
  if (workflows.isPending) return <Loading label="Loading the workflows…" />;
  if (workflows.isError) return <ErrorState error={workflows.error} retry={() => void workflows.refetch()} />;
  return <ServiceFields service={service} workflows={workflows.data.workflows} onClose={onClose} />;
}

function ServiceFields({ service, workflows, onClose }: { service: CatalogService | undefined; workflows: Parameters<typeof workflowChoices>[0]; onClose: () => void }) {
  const queries = useQueryClient();
  const [title, setTitle] = useState(service?.title ?? '');
  const [typedId, setTypedId] = useState<string | undefined>();
  const [description, setDescription] = useState(service?.description ?? '');
  const [rows, setRows] = useState<OfferingRow[]>(() => rowsOf(service?.offerings ?? []));
  const serviceId = service?.id ?? typedId ?? idFromTitle(title);
  const save = useMutation({
    mutationFn: (idempotencyKey: string | undefined) =>
      service === undefined
        ? api<ServiceChange>('POST', '/services', {
            idempotencyKey,
            body: { id: serviceId, title, ...(description.trim() === '' ? {} : { description }), offerings: offeringsBody(rows) },
          })
        : api<ServiceChange>('POST', `/services/${encodeURIComponent(service.id)}`, { body: { title, description: description.trim() === '' ? null : description, offerings: offeringsBody(rows) } }),
    onSuccess: async () => {
      await queries.invalidateQueries({ queryKey: ['catalog'] });
      onClose();
    },
  });
  // A create carries one Idempotency-Key per submit of the same values; a change is the same whenever it is sent again.
  const { edited, submit } = useKeyedSubmit((idempotencyKey) => save.mutate(service === undefined ? idempotencyKey : undefined));
  const offeringFields = rows.flatMap((_, index) => OFFERING_FIELDS.map((field) => `body.offerings[${index}].${field}`));
  const errors = formErrors(save.error === null ? undefined : asApiError(save.error), ['body.id', 'body.title', 'body.description', ...offeringFields]);
  const changeRows = edited((next: { rows: OfferingRow[]; reordered: boolean }) => {
    setRows(next.rows);
    // The refusal's paths name offerings by place: once they move, its messages would sit at the wrong ones.
    if (next.reordered) save.reset();
  });
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => form.current?.querySelector('input')?.focus(), []);
  const choices = workflowChoices(
    workflows,
    rows.map((row) => row.workflow),
  );
  return (
    <form className="service-form" onSubmit={submit} ref={form} noValidate aria-label={service === undefined ? 'New service' : `Change ${service.title}`}>
      <div className="service-form-grid">
        <TextField label="Title" value={title} onChange={edited(setTitle)} error={errors.at('body.title')} required placeholder="Billing operations" />
        {service === undefined && (
          <TextField
            label="Id"
            hint="Links and request filters name the service by it; it cannot change later."
            value={serviceId}
            onChange={edited((value: string) => setTypedId(value))}
            error={errors.at('body.id')}
            required
            placeholder="billing-operations"
          />
        )}
      </div>
      <TextArea label="Description" optional value={description} onChange={edited(setDescription)} error={errors.at('body.description')} rows={2} placeholder="What the service offers, for the people who ask" />
      <OfferingsEditor rows={rows} onChange={(next, reordered) => changeRows({ rows: next, reordered })} errorAt={errors.at} choices={choices} saved={service?.offerings ?? []} />
      <FormActions
        rest={errors.rest}
        pending={save.isPending}
        label={service === undefined ? 'Create service' : 'Save'}
        pendingLabel={service === undefined ? 'Creating…' : 'Saving…'}
        {...(service === undefined ? {} : { hiddenLabel: service.title })}
        onCancel={onClose}
      />
    </form>
  );
}
