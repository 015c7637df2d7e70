import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { createColumnHelper } from '@tanstack/react-table';
import type { OutboxMessageSummary } from '../../api/types.ts';
import { CursorPager, DataTable } from '../../ui/data-table.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { Empty, ErrorState, Loading } from '../../ui/states.tsx';
import { StatusBadge } from '../../ui/status-badge.tsx';
import { formatDateTime, formatRelative } from '../../ui/time.ts';
import { useCursorPages } from '../../ui/cursor-pages.ts';
import { outboxQuery } from './event-queries.ts';
import { EventsTabs } from './events-tabs.tsx';
import { RunCell } from './run-cell.tsx';
import { RunFilterNotice } from './run-filter-notice.tsx';

const route = getRouteApi('/app/events/outbox');
const column = createColumnHelper<OutboxMessageSummary>();

const columns = [
  column.accessor('subject', {
    header: 'Subject',
    cell: ({ row }) => (
      <Link to="/events/outbox/$id" params={{ id: row.original.id }}>
        {row.original.subject === '' ? '(no subject)' : row.original.subject}
      </Link>
    ),
  }),
  column.accessor('to', { header: 'To', cell: ({ getValue }) => <span className="wrap-anywhere">{getValue().join(', ')}</span> }),
  column.accessor('status', {
    header: 'Status',
    cell: ({ row }) => (
      <div className="stacked-cell">
        <StatusBadge status={row.original.status} />
        <span className="muted small">{row.original.transport === 'outbox' ? 'kept here (no SMTP)' : 'by SMTP'}</span>
      </div>
    ),
  }),
  column.accessor('run', { header: 'Run', cell: ({ getValue }) => <RunCell run={getValue()} /> }),
  column.accessor('created_at', { header: 'Created', cell: ({ getValue }) => <span title={formatDateTime(getValue())}>{formatRelative(getValue())}</span> }),
];

/** The mail outbox: every email workflows sent or kept, newest first; optionally one run's. */
export function OutboxPage() {
  const { run } = route.useSearch();
  const pages = useCursorPages();
  const messages = useQuery(outboxQuery(run, pages.cursor));
  return (
    <>
      <PageHeader title="Events & messages" subtitle="Emails workflows sent, newest first. Without an SMTP connector they are kept here." />
      <EventsTabs />
      {run !== undefined && <RunFilterNotice run={run} to="/events/outbox" />}
      {messages.isPending ? (
        <Loading label="Loading emails…" />
      ) : messages.isError ? (
        <ErrorState error={messages.error} retry={() => void messages.refetch()} />
      ) : (
        <>
          <DataTable
            caption="Mail outbox"
            columns={columns}
            rows={messages.data.messages}
            rowKey={(message) => message.id}
            rowClassName={(message) => (message.status === 'failed' ? 'failed' : undefined)}
            empty={<Empty title={run === undefined ? 'No emails yet' : 'This run sent no email'}>Emails appear here when a workflow's email step runs.</Empty>}
          />
          <CursorPager hasPrevious={pages.hasPrevious} nextCursor={messages.data.next_cursor} onPrevious={pages.onPrevious} onNext={pages.onNext} />
        </>
      )}
    </>
  );
}
