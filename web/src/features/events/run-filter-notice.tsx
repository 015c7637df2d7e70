import { Link } from '@tanstack/react-router';

/** "Only the messages of run …", with a way back to all of them. */
export function RunFilterNotice({ run, to }: { run: string; to: '/events/outbox' | '/events/webhooks' }) {
  return (
    <p className="notice filter-notice">
      Only the messages of run{' '}
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
