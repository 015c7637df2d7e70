import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { createColumnHelper } from '@tanstack/react-table';
import type { CatalogRequest } from '../../api/types.ts';
import { can, useMe } from '../../auth/session.ts';
import { REQUESTS_LABEL } from '../../layout/nav-items.ts';
import { useCursorPages } from '../../ui/cursor-pages.ts';
import { CursorPager, DataTable } from '../../ui/data-table.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { Empty, ErrorState, Loading } from '../../ui/states.tsx';
import { StatusBadge } from '../../ui/status-badge.tsx';
import { formatDateTime, formatRelative } from '../../ui/time.ts';
import { timeRangeProblem } from '../../ui/time-window.ts';
import { requestsQuery } from './catalog-queries.ts';
import { useOfferingLookup } from './offering-lookup.ts';
import { requestAmount } from '../../ui/fields-form/field-value.ts';
import { RequestFilters } from './request-filters.tsx';
import { parseRequestSearch, requestsNarrowed, type RequestSearch } from './request-search.ts';
import { SavedViewsBar } from '../../ui/saved-views/saved-views-bar.tsx';

const route = getRouteApi('/app/requests');
const column = createColumnHelper<CatalogRequest>();

/**
 * Catalog requests, newest first: what, (for everyone's) who asked, where it stands, how it ended, for how much,
 * when. The caller's own by default; who may read every request switches to everyone's. Filters live in the URL.
 */
export function RequestsPage() {
  const me = useMe();
  const search = route.useSearch();
  // The API answers a requester with their own requests whatever is asked: the switch is offered only to who may read all.
  const canSeeAll = can(me, 'requests.read_all');
  const everyone = canSeeAll && search.view === 'all';
  const rangeProblem = timeRangeProblem(search, 'Submitted from');
  const pages = useCursorPages(JSON.stringify(search));
  const submitted = { within: search.within, from: search.from, to: search.to };
  const requests = useQuery({
    ...requestsQuery({ mine: !everyone, status: search.status, service: search.service, offering: search.offering, submitted }, pages.cursor),
    enabled: rangeProblem === undefined,
  });
  const offeringOf = useOfferingLookup();
  const columns = [
    column.accessor('offering', {
      header: 'Request',
      cell: ({ row }) => (
        <Link to="/requests/$id" params={{ id: row.original.id }}>
          {offeringOf(row.original.service, row.original.offering)?.title ?? row.original.offering}
        </Link>
      ),
    }),
    ...(everyone ? [column.accessor('requester', { header: 'Requester', cell: ({ getValue }) => <Email address={getValue()} /> })] : []),
    column.accessor('status', { header: 'Status', cell: ({ getValue }) => <StatusBadge status={getValue()} /> }),
    column.accessor('outcome', { header: 'Outcome', cell: ({ getValue }) => getValue() ?? <span className="muted">—</span> }),
    column.display({
      id: 'amount',
      header: 'Amount',
      cell: ({ row }) => requestAmount(offeringOf(row.original.service, row.original.offering)?.form, row.original.values) ?? <span className="muted">—</span>,
    }),
    column.accessor('created_at', {
      header: 'Submitted',
      cell: ({ getValue }) => <time dateTime={getValue()} title={formatRelative(getValue())}>{formatDateTime(getValue())}</time>,
    }),
  ];
  const caption = everyone ? REQUESTS_LABEL.all : REQUESTS_LABEL.own;
  return (
    <>
      <PageHeader
        // As the navigation names the page: "Requests" to who may switch to everyone's, whichever view is on.
        title={canSeeAll ? REQUESTS_LABEL.all : REQUESTS_LABEL.own}
        subtitle={
          everyone ? 'Every request made through the catalog, and where each stands.' : canSeeAll ? 'Your own requests, and where each stands. Switch to everyone’s below.' : 'What you asked for, and where each request stands.'
        }
        actions={
          <Link to="/catalog" className="button primary">
            New request
          </Link>
        }
      />
      <SavedViewsBar page="requests" search={search} read={parseRequestSearch} />
      <RequestFilters search={search} canSeeAll={canSeeAll} rangeProblem={rangeProblem} />
      {rangeProblem !== undefined ? null : requests.isPending ? (
        <Loading label="Loading requests…" />
      ) : requests.isError ? (
        <ErrorState error={requests.error} retry={() => void requests.refetch()} />
      ) : (
        <div className="my-requests">
          <DataTable caption={caption} columns={columns} rows={requests.data.requests} rowKey={(row) => row.id} empty={<NoRequests search={search} everyone={everyone} canSeeAll={canSeeAll} />} />
          <CursorPager hasPrevious={pages.hasPrevious} nextCursor={requests.data.next_cursor} onPrevious={pages.onPrevious} onNext={pages.onNext} />
        </div>
      )}
    </>
  );
}

/** An email that may wrap before its `@`, not inside a word. */
function Email({ address }: { address: string }) {
  const at = address.lastIndexOf('@');
  if (at <= 0) return <>{address}</>;
  return (
    <>
      {address.slice(0, at)}
      <wbr />
      {address.slice(at)}
    </>
  );
}

function NoRequests({ search, everyone, canSeeAll }: { search: RequestSearch; everyone: boolean; canSeeAll: boolean }) {
  if (requestsNarrowed(search)) {
    return (
      <Empty title="No requests match these filters">
        Try another status, service or offering, widen the time, or{' '}
        <Link to="/requests" search={everyone ? { view: 'all' } : {}}>
          show them all
        </Link>
        .
      </Empty>
    );
  }
  if (everyone) return <Empty title="No requests yet.">Requests appear here as people submit them from the catalog.</Empty>;
  // Who looks after everyone's requests (a payment-ops lead) may have asked for nothing themselves: the way to the others' is here.
  return (
    <Empty title="You have not asked for anything yet.">
      <Link to="/catalog">Open the catalog</Link> to submit a request
      {canSeeAll && (
        <>
          , or{' '}
          <Link to="/requests" search={{ view: 'all' }}>
            see everyone’s requests
          </Link>
        </>
      )}
      .
    </Empty>
  );
}
