import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { api } from '../../api/api-client.ts';
import type { FormField, Run, WorkflowDetail } from '../../api/types.ts';
import { PageHeader } from '../../ui/page-header.tsx';
import { ErrorState, Loading } from '../../ui/states.tsx';
import { FieldsFormAlerts } from '../../ui/fields-form/fields-form-alerts.tsx';
import { FormFieldInput } from '../../ui/fields-form/form-field-input.tsx';
import { useFieldsForm } from '../../ui/fields-form/use-fields-form.ts';
import { versionQuery, workflowQuery } from './workflow-queries.ts';

const route = getRouteApi('/app/workflows/$id/run');

/** Starts a run of an active manual workflow now: its trigger's input fields, checked as the server checks them. */
export function RunNowPage() {
  const { id } = route.useParams();
  const workflow = useQuery(workflowQuery(id));
  const active = workflow.data?.workflow.active_version ?? null;
  const version = useQuery({ ...versionQuery(id, active ?? 0), enabled: active !== null });
  const back = (
    <p className="back-link">
      <Link to="/workflows/$id" params={{ id }}>
        ← {workflow.data?.workflow.title ?? id}
      </Link>
    </p>
  );
  if (workflow.isPending || (active !== null && version.isPending)) return <Loading label="Loading the workflow…" />;
  if (workflow.isError) return <ErrorState error={workflow.error} retry={() => void workflow.refetch()} />;
  if (version.isError) return <ErrorState error={version.error} retry={() => void version.refetch()} />;
  const current = workflow.data.workflow;
  const fields = active === null ? null : (version.data?.version.manual_input ?? null);
  const unavailable =
    current.status !== 'active' || active === null
      ? 'This workflow is not active: activate it, and a run can be started here.'
      : fields === null
        ? 'This workflow starts on its trigger (an event, a schedule, a form or a webhook), not on demand: only a workflow with a manual trigger is run from here.'
        : undefined;
  return (
    <>
      {back}
      {unavailable !== undefined || fields === null ? (
        <>
          <PageHeader title={`Run ${current.title}`} />
          <p className="card form-error" role="alert">
            {unavailable}
          </p>
        </>
      ) : (
        <RunForm key={active} workflow={current} version={active ?? 0} fields={fields} />
      )}
    </>
  );
}

function RunForm({ workflow, version, fields }: { workflow: WorkflowDetail; version: number; fields: readonly FormField[] }) {
  const navigate = useNavigate();
  const queries = useQueryClient();
  const form = useFieldsForm(fields, {
    issuePrefix: 'input.',
    send: (input, idempotencyKey) => api<{ run: Run }>('POST', `/workflows/${encodeURIComponent(workflow.id)}/runs`, { body: { input }, idempotencyKey }),
    onSent: async ({ run }) => {
      await queries.invalidateQueries({ queryKey: ['runs'] });
      await navigate({ to: '/runs/$id', params: { id: run.id } });
    },
  });

  return (
    <>
      <PageHeader title={`Run ${workflow.title}`} subtitle={`Starts a run of version ${version} now, as you.`} />
      <form className="card offering-form" noValidate onSubmit={form.onSubmit} aria-label={`Run ${workflow.title}`}>
        <FieldsFormAlerts formError={form.formError} problems={form.problems} until="the run can start" />
        {fields.length === 0 && <p className="muted">This workflow takes no input.</p>}
        {fields.map((field) => (
          <FormFieldInput key={field.key} field={field} value={form.draft[field.key] ?? ''} error={form.errorOf(field.key)} onChange={(value) => form.change(field.key, value)} />
        ))}
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={form.sending}>
            {form.sending ? 'Starting…' : 'Start run'}
          </button>
          <Link to="/workflows/$id" params={{ id: workflow.id }} className="button subtle">
            Cancel
          </Link>
        </div>
      </form>
    </>
  );
}
