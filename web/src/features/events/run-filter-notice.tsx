import { Link } from '@tanstack/react-router';
import { useWorkflowName } from '../../api/workflow-reads.ts';

/** "Only the messages of run …" (of the workflow's title, when the messages name it), with a way back to all of them. */
export function RunFilterNotice({ run, workflow, to }: { run: string; workflow?: string | null | undefined; to: '/events/outbox' | '/events/webhooks' }) {
  const workflowName = useWorkflowName();
  return (
    <p className="notice filter-notice">
      Only the messages of {workflow === undefined || workflow === null ? 'run' : `the ${workflowName(workflow)} run`}{' '}
      <Link to="/runs/$id" params={{ id: run }} className="mono">
        {run}
      </Link>
      .{' '}
      <Link to={to} search={{}}>
        Show all
      </Link>
    </p>
  );
}
