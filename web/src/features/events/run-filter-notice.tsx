import { Link } from '@tanstack/react-router';

/** "Only the messages of run …" (of the workflow's title, when the messages name it), with a way back to all of them. */
export function RunFilterNotice({ run, workflowTitle, to }: { run: string; workflowTitle?: string | null | undefined; to: '/events/outbox' | '/events/webhooks' }) {
  return (
    <p className="notice filter-notice">
      Only the messages of {workflowTitle === undefined || workflowTitle === null ? 'run' : `the ${workflowTitle} run`}{' '}
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
