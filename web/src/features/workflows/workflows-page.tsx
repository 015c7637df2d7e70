import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { createColumnHelper } from '@tanstack/react-table';
import type { WorkflowListItem } from '../../api/types.ts';
import { can, useMe } from '../../auth/session.ts';
import { BreakableName } from '../../ui/breakable-name.tsx';
import { DataTable } from '../../ui/data-table.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { Empty, ErrorState, Loading } from '../../ui/states.tsx';
import { StatusBadge } from '../../ui/status-badge.tsx';
import { formatDateTime, formatRelative } from '../../ui/time.ts';
import { NextRun } from './next-run.tsx';
import { StatusActions } from './status-actions.tsx';
import { triggerKind, triggerWords } from './trigger-words.ts';
import { workflowsQuery } from './workflow-queries.ts';

const column = createColumnHelper<WorkflowListItem>();

const baseColumns = [
  column.accessor('title', {
    header: 'Workflow',
    cell: ({ row }) => (
      <div className="workflow-name">
        <Link to="/workflows/$id" params={{ id: row.original.id }}>
          {row.original.title}
        </Link>
        <span className="muted mono small">{row.original.id}</span>
      </div>
    ),
  }),
  column.accessor('status', { header: 'Status', cell: ({ getValue }) => <StatusBadge status={getValue()} /> }),
  column.accessor('trigger', {
    header: 'Trigger',
    cell: ({ getValue, row }) => (
      <div className="trigger-cell">
        <span className="small muted">{triggerKind(getValue())}</span>
        <span>
          <BreakableName text={triggerWords(getValue())} />
        </span>
        {row.original.next_run_at !== null && (
          <span className="small muted">
            Next run <NextRun at={row.original.next_run_at} />
          </span>
        )}
      </div>
    ),
  }),
  column.display({ id: 'version', header: 'Version', cell: ({ row }) => <VersionCell workflow={row.original} /> }),
  column.accessor('last_run', {
    header: 'Last run',
    cell: ({ getValue }) => {
      const run = getValue();
      if (run === null) return <span className="muted">Never ran</span>;
      return (
        <div className="row">
          <StatusBadge status={run.status} />
          <Link to="/runs/$id" params={{ id: run.id }} title={formatDateTime(run.created_at)}>
            {formatRelative(run.created_at)}
          </Link>
        </div>
      );
    },
  }),
  column.accessor('failures_24h', {
    header: 'Failed (24 h)',
    cell: ({ getValue }) => (getValue() > 0 ? <strong className="bad-text">{getValue()} failed</strong> : <span className="muted">None</span>),
  }),
];

const actionsColumn = column.display({
  id: 'actions',
  header: 'Actions',
  cell: ({ row }) => <StatusActions id={row.original.id} title={row.original.title} status={row.original.status} published={row.original.latest_version > 0} />,
});

function VersionCell({ workflow }: { workflow: WorkflowListItem }) {
  if (workflow.latest_version === 0) return <span className="muted">Draft only</span>;
  if (workflow.active_version === null) return <span>v{workflow.latest_version} (none active)</span>;
  return <span>{workflow.active_version === workflow.latest_version ? `v${workflow.active_version}` : `v${workflow.active_version} of ${workflow.latest_version}`}</span>;
}

/** Every workflow: status, what starts it, its version, its last run and recent failures; status changes for editors. */
export function WorkflowsPage() {
  const me = useMe();
  const workflows = useQuery(workflowsQuery);
  const columns = can(me, 'workflows.write') ? [...baseColumns, actionsColumn] : baseColumns;
  return (
    <>
      <PageHeader
        title="Workflows"
        subtitle="What runs, what starts it, and how it went lately."
        actions={
          can(me, 'workflows.write') ? (
            <>
              <Link to="/templates" className="button">
                Start from a template
              </Link>
              <Link to="/workflows/new" className="button primary">
                New workflow
              </Link>
            </>
          ) : undefined
        }
      />
      {workflows.isPending ? (
        <Loading label="Loading workflows…" />
      ) : workflows.isError ? (
        <ErrorState error={workflows.error} retry={() => void workflows.refetch()} />
      ) : (
        <DataTable
          caption="Workflows"
          columns={columns}
          rows={workflows.data.workflows}
          rowKey={(workflow) => workflow.id}
          rowClassName={(workflow) => (workflow.failures_24h > 0 ? 'failed' : undefined)}
          empty={
            <Empty title="No workflows yet">
              Apply a definition with <code>tollgate apply -f workflow.yaml</code>, or <Link to="/templates">start from a template</Link>.
            </Empty>
          }
        />
      )}
    </>
  );
}
