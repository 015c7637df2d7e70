import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { createColumnHelper } from '@tanstack/react-table';
import type { EventSummary } from '../../api/types.ts';
import { can, useMe } from '../../auth/session.ts';
import { BreakableName } from '../../ui/breakable-name.tsx';
import { CursorPager, DataTable } from '../../ui/data-table.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { Empty, ErrorState, Loading } from '../../ui/states.tsx';
import { formatDateTime, formatRelative } from '../../ui/time.ts';
import { useCursorPages } from './cursor-pages.ts';
import { eventsQuery, sandboxQuery } from './event-queries.ts';
import { EventsTabs } from './events-tabs.tsx';
import { MatchList } from './match-words.tsx';

const column = createColumnHelper<EventSummary>();

const columns = [
  column.accessor('type', {
    header: 'Event',
    cell: ({ row }) => (
      <div className="stacked-cell">
        <Link to="/events/$id" params={{ id: row.original.id }}>
          <BreakableName text={row.original.type} />
        </Link>
        <span className="muted mono small">{row.original.id}</span>
      </div>
    ),
  }),
  column.accessor('received_at', {
    header: 'Received',
    cell: ({ row }) => (
      <div className="stacked-cell">
        <span title={formatDateTime(row.original.received_at)}>{formatRelative(row.original.received_at)}</span>
        <span className="muted small">by {row.original.source}{row.original.livemode ? ', live' : ', test'}</span>
      </div>
    ),
  }),
  column.accessor('matches', { header: 'What it started', cell: ({ row }) => <MatchList matches={row.original.matches} type={row.original.type} /> }),
];

/** Received Stripe events, newest first, each with the runs it started or why none. */
export function EventsPage() {
  const me = useMe();
  const pages = useCursorPages();
  const events = useQuery(eventsQuery(pages.cursor));
  const sandbox = useQuery(sandboxQuery);
  const canSend = can(me, 'events.send') && sandbox.data?.sandbox.running === true;
  return (
    <>
      <PageHeader
        title="Events & messages"
        subtitle="Stripe events Tollgate received, and the messages its workflows sent."
        actions={
          canSend ? (
            <Link to="/events/send" className="button primary">
              Send test event
            </Link>
          ) : undefined
        }
      />
      <EventsTabs />
      {events.isPending ? (
        <Loading label="Loading events…" />
      ) : events.isError ? (
        <ErrorState error={events.error} retry={() => void events.refetch()} />
      ) : (
        <>
          <DataTable
            caption="Received Stripe events"
            columns={columns}
            rows={events.data.events}
            rowKey={(event) => event.id}
            empty={
              <Empty title="No Stripe events received yet">
                {canSend ? 'Send a test event through the sandbox to see one arrive.' : 'Events appear here as Stripe delivers them.'}
              </Empty>
            }
          />
          <CursorPager hasPrevious={pages.hasPrevious} nextCursor={events.data.next_cursor} onPrevious={pages.onPrevious} onNext={pages.onNext} />
        </>
      )}
    </>
  );
}
