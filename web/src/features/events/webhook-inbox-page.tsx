import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { createColumnHelper } from '@tanstack/react-table';
import type { WebhookInboxMessage } from '../../api/types.ts';
import { CursorPager, DataTable } from '../../ui/data-table.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { Empty, ErrorState, Loading } from '../../ui/states.tsx';
import { formatDateTime, formatRelative } from '../../ui/time.ts';
import { useCursorPages } from '../../ui/cursor-pages.ts';
import { webhookInboxQuery } from './event-queries.ts';
import { EventsTabs } from './events-tabs.tsx';
import { RunCell } from './run-cell.tsx';
import { RunFilterNotice } from './run-filter-notice.tsx';

const route = getRouteApi('/app/events/webhooks');
const column = createColumnHelper<WebhookInboxMessage>();

/** The `type`/`event` field of a webhook payload, when it has one: what the message is about. */
export function webhookTopic(message: WebhookInboxMessage): string {
  const body = message.body as Record<string, unknown> | null;
  const topic = body?.type ?? body?.event ?? body?.kind;
  return typeof topic === 'string' ? topic : 'Webhook message';
}

const columns = [
  column.display({
    id: 'message',
    header: 'Message',
    cell: ({ row }) => (
      <div className="stacked-cell">
        <Link to="/events/webhooks/$id" params={{ id: row.original.id }}>
          {webhookTopic(row.original)}
        </Link>
        <span className="muted small">
          to {row.original.connector}
          {row.original.path ?? ''}
        </span>
      </div>
    ),
  }),
  column.accessor('reason', { header: 'Kept because', cell: ({ getValue }) => <span className="small">{getValue()}</span> }),
  column.accessor('run', { header: 'Run', cell: ({ row }) => <RunCell run={row.original.run} workflowTitle={row.original.workflow_title} /> }),
  column.accessor('created_at', { header: 'Created', cell: ({ getValue }) => <span title={formatDateTime(getValue())}>{formatRelative(getValue())}</span> }),
];

/** The webhook inbox: messages webhook steps kept because their connector has no URL. */
export function WebhookInboxPage() {
  const { run } = route.useSearch();
  const pages = useCursorPages(run);
  const messages = useQuery(webhookInboxQuery(run, pages.cursor));
  return (
    <>
      <PageHeader title="Events & messages" subtitle="Webhook messages kept here because their connector has no URL set." />
      <EventsTabs />
      {run !== undefined && <RunFilterNotice run={run} workflowTitle={messages.data?.messages[0]?.workflow_title} to="/events/webhooks" />}
      {messages.isPending ? (
        <Loading label="Loading webhook messages…" />
      ) : messages.isError ? (
        <ErrorState error={messages.error} retry={() => void messages.refetch()} />
      ) : (
        <>
          <DataTable
            caption="Webhook inbox"
            columns={columns}
            rows={messages.data.messages}
            rowKey={(message) => message.id}
            empty={<Empty title={run === undefined ? 'No webhook messages kept' : 'This run kept no webhook message'}>Webhook steps whose connector has no URL leave their messages here.</Empty>}
          />
          <CursorPager hasPrevious={pages.hasPrevious} nextCursor={messages.data.next_cursor} onPrevious={pages.onPrevious} onNext={pages.onNext} />
        </>
      )}
    </>
  );
}
