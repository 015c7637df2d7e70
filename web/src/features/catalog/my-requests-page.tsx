import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { createColumnHelper } from '@tanstack/react-table';
import { useState } from 'react';
import type { CatalogRequest } from '../../api/types.ts';
import { CursorPager, DataTable } from '../../ui/data-table.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { Empty, ErrorState, Loading } from '../../ui/states.tsx';
import { StatusBadge } from '../../ui/status-badge.tsx';
import { formatDateTime, formatRelative } from '../../ui/time.ts';
import { myRequestsQuery } from './catalog-queries.ts';
import { useOfferingLookup } from './offering-lookup.ts';
import { requestAmount } from '../../ui/fields-form/field-value.ts';

const column = createColumnHelper<CatalogRequest>();

/** The caller's own requests, newest first: what, where it stands, how it ended, for how much, when. */
export function MyRequestsPage() {
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors.at(-1);
  const requests = useQuery(myRequestsQuery(cursor));
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
  return (
    <>
      <PageHeader
        title="My requests"
        subtitle="What you asked for, and where each request stands."
        actions={
          <Link to="/catalog" className="button primary">
            New request
          </Link>
        }
      />
      {requests.isPending ? (
        <Loading />
      ) : requests.isError ? (
        <ErrorState error={requests.error} retry={() => void requests.refetch()} />
      ) : (
        <div className="my-requests">
          <DataTable
            caption="My requests"
            columns={columns}
            rows={requests.data.requests}
            rowKey={(row) => row.id}
            empty={
              <Empty title="You have not asked for anything yet.">
                <Link to="/catalog">Open the catalog</Link> to submit a request.
              </Empty>
            }
          />
          <CursorPager hasPrevious={cursors.length > 0} nextCursor={requests.data.next_cursor} onPrevious={() => setCursors((list) => list.slice(0, -1))} onNext={(next) => setCursors((list) => [...list, next])} />
        </div>
      )}
    </>
  );
}
