import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { createColumnHelper } from '@tanstack/react-table';
import type { OutboxListItem } from '../../api/types.ts';
import { CursorPager, DataTable } from '../../ui/data-table.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { Empty, ErrorState, Loading } from '../../ui/states.tsx';
import { formatDateTime, formatRelative } from '../../ui/time.ts';
import { useCursorPages } from '../../ui/cursor-pages.ts';
import { outboxQuery, type OutboxStatusFilter } from './event-queries.ts';
import { EventsTabs } from './events-tabs.tsx';
import { RunCell } from './run-cell.tsx';
import { RunFilterNotice } from './run-filter-notice.tsx';
import { DeliveryBadge } from './delivery-badge.tsx';
import { nextTryOf } from './mail-delivery.ts';
import { SmtpHint } from './smtp-hint.tsx';

const route = getRouteApi('/app/events/outbox');
const column = createColumnHelper<OutboxListItem>();

const columns = [
  column.accessor('subject', {
    header: 'Subject',
    cell: ({ row }) => (
      <Link to="/events/outbox/$id" params={{ id: row.original.id }}>
        {row.original.subject === '' ? '(no subject)' : row.original.subject}
      </Link>
    ),
  }),
  // Each address whole on a wide screen (between addresses the cell may wrap); on a phone's card anything long wraps.
  column.accessor('to', {
    header: 'To',
    cell: ({ getValue }) => (
      <span>
        {getValue().map((address, index) => (
          <span key={address}>
            {index > 0 && ', '}
            <span className="whole-id">{address}</span>
          </span>
        ))}
      </span>
    ),
  }),
  column.accessor('status', {
    header: 'Status',
    cell: ({ row }) => (
      <div className="stacked-cell">
        <DeliveryBadge message={row.original} />
        <span className="muted small">{deliveryNote(row.original)}</span>
      </div>
    ),
  }),
  column.accessor('run', { header: 'Run', cell: ({ row }) => <RunCell run={row.original.run} workflowTitle={row.original.workflow_title} /> }),
  // "2 minutes ago" reads as one thing: on one line.
  column.accessor('created_at', {
    header: 'Created',
    cell: ({ getValue }) => (
      <span className="nowrap" title={formatDateTime(getValue())}>
        {formatRelative(getValue())}
      </span>
    ),
  }),
];

const STATUSES: readonly { value: OutboxStatusFilter | undefined; label: string }[] = [
  { value: undefined, label: 'All' },
  { value: 'sending', label: 'Not delivered yet' },
  { value: 'failed', label: 'Failed' },
];

/** Under a message's status: where it went, or when an SMTP message not delivered yet is tried next. */
function deliveryNote(message: OutboxListItem): string {
  if (message.transport === 'outbox') return 'not sent: no SMTP connector';
  const nextTry = nextTryOf(message);
  return nextTry === undefined ? 'by SMTP' : `by SMTP; ${nextTry}`;
}

/** The mail outbox: every email workflows sent or kept, newest first; optionally one run's, or those not delivered. */
export function OutboxPage() {
  const { run, status } = route.useSearch();
  const navigate = route.useNavigate();
  // Another run or status starts again at the first page.
  const pages = useCursorPages(`${run ?? ''}|${status ?? ''}`);
  const messages = useQuery(outboxQuery({ run, status }, pages.cursor));
  return (
    <>
      <PageHeader title="Events & messages" subtitle="Emails workflows sent, newest first. Without an SMTP connector they are kept here." />
      <EventsTabs />
      {run !== undefined && <RunFilterNotice run={run} workflowTitle={messages.data?.messages[0]?.workflow_title} to="/events/outbox" />}
      <div className="filters">
        <div className="segmented" role="radiogroup" aria-label="Status">
        {STATUSES.map(({ value, label }) => (
          <label key={label} className={status === value ? 'segment active' : 'segment'}>
            <input type="radio" name="outbox-status" checked={status === value} onChange={() => void navigate({ search: (previous) => ({ ...(previous.run === undefined ? {} : { run: previous.run }), ...(value === undefined ? {} : { status: value }) }) })} />
            {label}
          </label>
        ))}
        </div>
      </div>
      {messages.isPending ? (
        <Loading label="Loading emails…" />
      ) : messages.isError ? (
        <ErrorState error={messages.error} retry={() => void messages.refetch()} />
      ) : (
        <>
          {messages.data.messages.some((message) => message.transport === 'outbox') && (
            <p className="notice" role="note">
              Emails marked Kept here were not sent: no SMTP connector was set up when their workflow ran. <SmtpHint />
            </p>
          )}
          <DataTable
            caption="Mail outbox"
            columns={columns}
            rows={messages.data.messages}
            rowKey={(message) => message.id}
            rowClassName={(message) => (message.status === 'failed' ? 'failed' : undefined)}
            empty={<Empty title={emptyTitle(run, status)}>{emptyHint(status)}</Empty>}
          />
          <CursorPager hasPrevious={pages.hasPrevious} nextCursor={messages.data.next_cursor} onPrevious={pages.onPrevious} onNext={pages.onNext} />
        </>
      )}
    </>
  );
}

function emptyTitle(run: string | undefined, status: OutboxStatusFilter | undefined): string {
  if (status === 'sending') return 'No email is waiting to be delivered';
  if (status === 'failed') return 'No email failed';
  return run === undefined ? 'No emails yet' : 'This run sent no email';
}

function emptyHint(status: OutboxStatusFilter | undefined): string {
  if (status === 'sending') return 'Emails the mail server could not take yet wait here until they go out.';
  if (status === 'failed') return 'Emails the mail server refused, or that could not go out within a day, show here.';
  return "Emails appear here when a workflow's email step runs.";
}
