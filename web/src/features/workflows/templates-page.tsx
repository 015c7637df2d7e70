import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useId, useState } from 'react';
import { api } from '../../api/api-client.ts';
import { asApiError } from '../../api/api-error.ts';
import type { Template, TemplateList, TemplateUsed } from '../../api/types.ts';
import { can, useMe } from '../../auth/session.ts';
import { PageHeader } from '../../ui/page-header.tsx';
import { Empty, ErrorState, Loading } from '../../ui/states.tsx';
import { workflowsQuery } from './workflow-queries.ts';

const WORKFLOW_ID = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

const STARTS_ON: Record<string, string> = { event: 'a Stripe event', schedule: 'a schedule', manual: 'on demand', form: 'a catalog request form', webhook: 'an incoming webhook' };

/** The bundled recipes and processes: what each does, and "use this template" to make an editable draft. */
export function TemplatesPage() {
  const templates = useQuery({ queryKey: ['templates'], queryFn: () => api<TemplateList>('GET', '/templates') });
  return (
    <>
      <PageHeader title="Templates" subtitle="Start a workflow from a tested recipe: it becomes a draft you can change before it runs." actions={<Link to="/workflows">All workflows</Link>} />
      {templates.isPending ? (
        <Loading label="Loading templates…" />
      ) : templates.isError ? (
        <ErrorState error={templates.error} retry={() => void templates.refetch()} />
      ) : templates.data.templates.length === 0 ? (
        <Empty title="No templates">This build bundles no templates.</Empty>
      ) : (
        <div className="template-grid">
          {templates.data.templates.map((template) => (
            <TemplateCard key={template.id} template={template} />
          ))}
        </div>
      )}
    </>
  );
}

function TemplateCard({ template }: { template: Template }) {
  const me = useMe();
  const titleId = useId();
  const inputId = useId();
  const queries = useQueryClient();
  const navigate = useNavigate();
  const workflows = useQuery(workflowsQuery);
  const taken = new Set(workflows.data?.workflows.map((workflow) => workflow.id) ?? []);
  // Until the person types an id, offer one no workflow uses: the template's, else numbered.
  const [typed, setTyped] = useState<string | undefined>(undefined);
  const workflowId = typed ?? freeId(template.id, taken);
  const use = useMutation({
    mutationFn: () => api<TemplateUsed>('POST', `/templates/${encodeURIComponent(template.id)}/use`, { body: { workflow_id: workflowId } }),
    onSuccess: async () => {
      await queries.invalidateQueries({ queryKey: ['workflows'] });
      await navigate({ to: '/workflows/$id/edit', params: { id: workflowId } });
    },
  });
  // Using a template under an id in use would overwrite that workflow's draft: say so before.
  const problem = !WORKFLOW_ID.test(workflowId) ? 'Use letters, digits, "_" or "-", starting with a letter or digit.' : taken.has(workflowId) ? `A workflow "${workflowId}" exists already: pick another id.` : null;
  return (
    <section className="card template-card" aria-labelledby={titleId}>
      <h2 id={titleId}>{template.title}</h2>
      <p>{template.description}</p>
      <p className="small muted">
        Starts on {STARTS_ON[template.trigger_type] ?? template.trigger_type}
        {template.includes.length > 0 && ` · creates ${template.includes.join(', ')} when missing`}
      </p>
      {can(me, 'workflows.write') && (
        <form
          className="template-use"
          onSubmit={(submitted) => {
            submitted.preventDefault();
            if (problem === null) use.mutate();
          }}
        >
          <div className="field">
            <label htmlFor={inputId}>New workflow id</label>
            <input id={inputId} value={workflowId} onChange={(changed) => setTyped(changed.target.value.trim())} aria-invalid={problem !== null} aria-describedby={problem === null ? undefined : `${inputId}-problem`} />
            {problem !== null && (
              <p id={`${inputId}-problem`} className="field-error">
                {problem}
              </p>
            )}
          </div>
          <button type="submit" className="button primary" disabled={problem !== null || use.isPending}>
            {use.isPending ? 'Creating the draft…' : 'Use this template'}
          </button>
          {use.isError && (
            <p className="form-error" role="alert">
              {asApiError(use.error).message}
            </p>
          )}
        </form>
      )}
    </section>
  );
}

/** `id`, or `id-2`, `id-3`, … whichever no workflow uses yet. */
function freeId(id: string, taken: ReadonlySet<string>): string {
  if (!taken.has(id)) return id;
  let n = 2;
  while (taken.has(`${id}-${n}`)) n += 1;
  return `${id}-${n}`;
}
