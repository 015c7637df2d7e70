import { Link } from '@tanstack/react-router';
import { useWorkflowName } from '../../api/workflow-reads.ts';

/**
 * A message table's Run cell: a link to the run that sent or received it, named by its workflow's title
 * when the list gives the workflow (the outbox, the webhook inbox), else by the run's id; a dash without a run.
 */
export function RunCell({ run, workflow }: { run: string | null; workflow?: string | null }) {
  const workflowName = useWorkflowName();
  if (run === null) return <span className="muted">—</span>;
  if (workflow === undefined || workflow === null) {
    return (
      <Link to="/runs/$id" params={{ id: run }} className="mono small">
        {run}
      </Link>
    );
  }
  return (
    <Link to="/runs/$id" params={{ id: run }} title={`Run ${run}`}>
      {workflowName(workflow)}
    </Link>
  );
}

/** A message page's Run line: the run (by its workflow's title when known, with its id), and the step that sent or kept the message. */
export function RunLine({ run, workflow, stepPath }: { run: string | null; workflow?: string | null; stepPath: string | null }) {
  const workflowName = useWorkflowName();
  if (run === null) return null;
  return (
    <>
      <dt>Run</dt>
      <dd>
        {workflow === undefined || workflow === null ? (
          <Link to="/runs/$id" params={{ id: run }} className="mono">
            {run}
          </Link>
        ) : (
          <>
            <Link to="/runs/$id" params={{ id: run }}>
              {workflowName(workflow)}
            </Link>{' '}
            <span className="muted mono small">{run}</span>
          </>
        )}
        {stepPath !== null && <span className="muted"> at step {stepPath}</span>}
      </dd>
    </>
  );
}
