import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useId, useState } from 'react';
import { PageHeader } from '../../ui/page-header.tsx';
import { workflowsQuery } from '../workflows/workflow-queries.ts';
import { writeLocalDraft } from './local-draft.ts';

const WORKFLOW_ID = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/** `/workflows/new`: the id and title first; then the builder opens on an empty canvas with no trigger. */
export function NewWorkflowPage() {
  const idInput = useId();
  const titleInput = useId();
  const navigate = useNavigate();
  const workflows = useQuery(workflowsQuery);
  const [id, setId] = useState('');
  const [title, setTitle] = useState('');
  const [tried, setTried] = useState(false);
  const taken = new Set(workflows.data?.workflows.map((workflow) => workflow.id) ?? []);
  const problem =
    id === '' ? 'Give the workflow an id, e.g. refund-small-disputes.' : !WORKFLOW_ID.test(id) ? 'Use letters, digits, "_" or "-", starting with a letter or digit.' : taken.has(id) ? `A workflow "${id}" exists already: pick another id.` : null;
  return (
    <>
      <PageHeader title="New workflow" subtitle="Name it, then build it on the canvas: pick a trigger and add steps." actions={<Link to="/workflows">All workflows</Link>} />
      <form
        className="card builder-new"
        noValidate
        onSubmit={(submitted) => {
          submitted.preventDefault();
          setTried(true);
          if (problem !== null) return;
          writeLocalDraft(id, { kind: 'Workflow', id, ...(title.trim() === '' ? {} : { title: title.trim() }), steps: [] });
          void navigate({ to: '/workflows/$id/edit', params: { id } });
        }}
      >
        <div className="field">
          <label htmlFor={idInput}>Workflow id</label>
          <input id={idInput} value={id} onChange={(changed) => setId(changed.target.value.trim())} aria-invalid={tried && problem !== null} aria-describedby={`${idInput}-hint`} autoFocus />
          <p id={`${idInput}-hint`} className={tried && problem !== null ? 'field-error' : 'hint'}>
            {tried && problem !== null ? problem : 'How the API, the CLI and other workflows name it; it cannot change later.'}
          </p>
        </div>
        <div className="field">
          <label htmlFor={titleInput}>Title</label>
          <input id={titleInput} value={title} onChange={(changed) => setTitle(changed.target.value)} placeholder="e.g. Refund small disputes" />
        </div>
        <button type="submit" className="button primary">
          Start building
        </button>
      </form>
    </>
  );
}
