import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { createColumnHelper } from '@tanstack/react-table';
import type { EventSummary } from '../../api/types.ts';
import { can, useMe } from '../../auth/session.ts';
import { BreakableName } from '../../ui/breakable-name.tsx';
import { CursorPager, DataTable } from '../../ui/data-table.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { Empty, ErrorState, Loading } from '../../ui/states.tsx';
import { formatDateTime, formatRelative, localTimeToIso } from '../../ui/time.ts';
import { useCursorPages } from '../../ui/cursor-pages.ts';
import { timeRangeProblem } from '../../ui/time-window.ts';
import { eventsQuery, sandboxQuery } from './event-queries.ts';
import { EventsTabs } from './events-tabs.tsx';
import { MatchList } from './match-words.tsx';
import { AboutCell } from './about-cell.tsx';
import { ObjectSearch } from './object-search.tsx';
import { objectRefusal } from '../../ui/stripe-object/stripe-object-id.ts';
import { EventFilters } from './event-filters.tsx';
import { narrowedBesidesObject, parseEventSearch } from './event-search.ts';
import { SavedViewsBar } from '../../ui/saved-views/saved-views-bar.tsx';

const route = getRouteApi('/app/events');
const column = createColumnHelper<EventSummary>();

const columns = [
  column.accessor('type', {
    header: 'Event',
    cell: ({ row }) => (
      <div className="stacked-cell">
        <Link to="/events/$id" params={{ id: row.original.id }}>
          <BreakableName text={row.original.type} />
        </Link>
        <span className="muted mono small whole-id">{row.original.id}</span>
      </div>
    ),
  }),
  column.display({ id: 'about', header: 'About', cell: ({ row }) => <AboutCell event={row.original} /> }),
  column.accessor('received_at', {
    header: 'Received',
    cell: ({ row }) => (
      <div className="stacked-cell">
        <span className="nowrap" title={formatDateTime(row.original.received_at)}>{formatRelative(row.original.received_at)}</span>
        <span className="muted small nowrap">by {row.original.source}{row.original.livemode ? ', live' : ', test'}</span>
      </div>
    ),
  }),
  column.accessor('matches', { header: 'What it started', cell: ({ row }) => <MatchList matches={row.original.matches} type={row.original.type} /> }),
];

/** Received Stripe events, newest first, each with the runs it started or why none; optionally only those about one Stripe object. */
export function EventsPage() {
  const me = useMe();
  const search = route.useSearch();
  const { object } = search;
  const since = localTimeToIso(search.from);
  const until = localTimeToIso(search.to);
  const rangeProblem = timeRangeProblem(search, 'Received from');
  const pages = useCursorPages(JSON.stringify(search));
  const events = useQuery({ ...eventsQuery({ object, type: search.type, within: search.within, since, until }, pages.cursor), enabled: rangeProblem === undefined });
  const refusal = objectRefusal(events.error, object);
  const sandbox = useQuery(sandboxQuery);
  const canSend = can(me, 'events.send') && sandbox.data?.sandbox.running === true;
  const canRecover = can(me, 'runs.operate');
  return (
    <>
      <PageHeader
        title="Events & messages"
        subtitle="Stripe events Tollgate received, and the messages its workflows sent."
        actions={
          canSend || canRecover ? (
            <>
              {canRecover && (
                <Link to="/events/recover" className="button">
                  Recover missed events
                </Link>
              )}
              {canSend && (
                <Link to="/events/send" className="button primary">
                  Send test event
                </Link>
              )}
            </>
          ) : undefined
        }
      />
      <EventsTabs />
      <SavedViewsBar page="events" search={search} read={parseEventSearch} />
      <ObjectSearch object={object} refusal={refusal} />
      <EventFilters search={search} rangeProblem={rangeProblem} />
      {rangeProblem !== undefined ? null : events.isPending ? (
        <Loading label={object === undefined ? 'Loading events…' : `Looking for the events about ${object}…`} />
      ) : events.isError ? (
        // A refused id is answered at the search field.
        refusal === undefined && <ErrorState error={events.error} retry={() => void events.refetch()} />
      ) : (
        <>
          {object !== undefined && events.data.events.length > 0 && (
            <p className="notice filter-notice">
              Only the events about <code>{object}</code> and what belongs to it.{' '}
              <Link to="/runs" search={{ object }}>
                The runs about it →
              </Link>
            </p>
          )}
          <DataTable
            caption={object === undefined ? 'Received Stripe events' : `Stripe events about ${object}`}
            columns={columns}
            rows={events.data.events}
            rowKey={(event) => event.id}
            empty={narrowedBesidesObject(search) ? <NoMatchingEvents /> : object === undefined ? <NoEvents canSend={canSend} /> : <NoEventsAbout object={object} />}
          />
          <CursorPager hasPrevious={pages.hasPrevious} nextCursor={events.data.next_cursor} onPrevious={pages.onPrevious} onNext={pages.onNext} />
        </>
      )}
    </>
  );
}

function NoEvents({ canSend }: { canSend: boolean }) {
  return <Empty title="No Stripe events received yet">{canSend ? 'Send a test event through the sandbox to see one arrive.' : 'Events appear here as Stripe delivers them.'}</Empty>;
}

function NoMatchingEvents() {
  return (
    <Empty title="No events match these filters">
      Tollgate received no event of this type in this time, or none about this object then. Widen the times, or{' '}
      <Link to="/events" search={{}}>
        show all events
      </Link>
      .
    </Empty>
  );
}

function NoEventsAbout({ object }: { object: string }) {
  return (
    <Empty title={`No events about ${object}`}>
      Tollgate has received no Stripe event about this object, nor about a payment or charge of a customer with this id. Check the id, or{' '}
      <Link to="/events" search={{}}>
        show all events
      </Link>
      .
    </Empty>
  );
}
