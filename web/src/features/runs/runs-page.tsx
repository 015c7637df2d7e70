import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { createColumnHelper } from '@tanstack/react-table';
import { useEffect, useState } from 'react';
import type { TitledRun } from '../../api/types.ts';
import { CursorPager, DataTable } from '../../ui/data-table.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { Empty, ErrorState, Loading } from '../../ui/states.tsx';
import { StatusBadge } from '../../ui/status-badge.tsx';
import { formatDateTime, formatDuration, formatRelative } from '../../ui/time.ts';
import { workflowNamesQuery } from '../../api/workflow-reads.ts';
import { runListQuery } from './run-queries.ts';
import { objectRefusal } from '../../ui/stripe-object/stripe-object-id.ts';
import { timeRangeProblem } from '../../ui/time-window.ts';
import { RunFilters } from './run-filters.tsx';
import { parseRunSearch, runListFilter, type RunSearch } from './run-search.ts';
import { SavedViewsBar } from '../../ui/saved-views/saved-views-bar.tsx';
import { RunTrigger } from './run-trigger.tsx';
import { runsListRoute } from './routes.tsx';
import type { BulkRunAnswer } from '../../api/types.ts';
import { can, useMe } from '../../auth/session.ts';
import { BulkRunBar } from './bulk-run-bar.tsx';
import { BulkRunResult } from './bulk-run-result.tsx';
import { selectColumn } from './run-select-column.tsx';
import { useRunSelection } from './run-selection.ts';

const PAGE_SIZE = 25;
const column = createColumnHelper<TitledRun>();

/** Runs, newest first, filtered by what the URL holds, one page at a time. */
export function RunsPage() {
  const search = runsListRoute.useSearch();
  const navigate = useNavigate({ from: '/runs' });
  // The cursors of the pages before this one, to go back; a new filter starts again at the first page.
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors.at(-1);
  const filterKey = JSON.stringify(search);
  useEffect(() => setCursors([]), [filterKey]);
  const selection = useRunSelection(filterKey);
  const [bulkResult, setBulkResult] = useState<BulkRunAnswer>();
  const operator = can(useMe(), 'runs.operate');
  const names = useQuery(workflowNamesQuery);
  // A window that ends before it starts is said at its field, not asked of the API (which would refuse it).
  const rangeProblem = timeRangeProblem(search, 'Started from');
  const runs = useQuery({ ...runListQuery(search, { cursor, limit: PAGE_SIZE }), enabled: rangeProblem === undefined });
  const setFilter = (next: Partial<RunSearch>) => void navigate({ search: (previous) => dropEmpty({ ...previous, ...next }) });

  const pageIds = runs.data?.runs.map((run) => run.id) ?? [];
  const columns = [
    ...(operator ? [selectColumn(selection, pageIds)] : []),
    column.accessor('id', {
      header: 'Run',
      cell: (info) => (
        <Link to="/runs/$id" params={{ id: info.getValue() }} className="mono run-id">
          {info.getValue()}
        </Link>
      ),
    }),
    column.accessor('workflow', {
      header: 'Workflow',
      cell: (info) => (
        <span className="run-workflow">
          {info.row.original.workflow_title} <span className="muted">v{info.row.original.version}</span>
        </span>
      ),
    }),
    column.accessor('status', {
      header: 'Status',
      cell: (info) => (
        <span className="row">
          <StatusBadge status={info.getValue()} />
          {info.row.original.outcome !== null && <span>{info.row.original.outcome}</span>}
        </span>
      ),
    }),
    column.display({ id: 'trigger', header: 'Started by', cell: (info) => <RunTrigger run={info.row.original} /> }),
    column.accessor('created_at', {
      header: 'Started',
      cell: (info) => (
        <time dateTime={info.getValue()} title={formatRelative(info.getValue())} className="whole-id">
          {formatDateTime(info.getValue())}
        </time>
      ),
    }),
    column.display({
      id: 'duration',
      header: 'Duration',
      cell: (info) => (info.row.original.finished_at === null ? <span className="muted">—</span> : formatDuration(Date.parse(info.row.original.finished_at) - Date.parse(info.row.original.created_at))),
    }),
  ];

  const filtered = Object.keys(search).length > 0;
  const pageSelected = pageIds.length > 0 && pageIds.every((id) => selection.ids.has(id)) ? pageIds : undefined;
  const refusal = objectRefusal(runs.error, search.object);
  return (
    <>
      <PageHeader title="Runs" subtitle="Every run of every workflow, newest first." />
      <SavedViewsBar page="runs" search={search} read={parseRunSearch} />
      <RunFilters search={search} workflows={names.data ?? []} objectRefusal={refusal} rangeProblem={rangeProblem} onChange={setFilter} onClear={() => void navigate({ search: {} })} />
      {rangeProblem !== undefined ? null : runs.isPending ? (
        <Loading label="Loading runs…" />
      ) : runs.isError ? (
        // A refused Stripe object id is answered at its field.
        refusal === undefined && <ErrorState error={runs.error} retry={() => void runs.refetch()} />
      ) : (
        <div aria-busy={runs.isFetching}>
          {bulkResult !== undefined && <BulkRunResult answer={bulkResult} onDismiss={() => setBulkResult(undefined)} />}
          {operator && <BulkRunBar selection={selection} filter={filtered ? { kind: 'filter', filter: runListFilter(search, Date.now()) } : undefined} pageSelected={pageSelected} onDone={setBulkResult} />}
          <DataTable
            caption="Runs"
            columns={columns}
            rows={runs.data.runs}
            rowKey={(run) => run.id}
            rowClassName={(run) => (run.status === 'failed' ? 'failed' : undefined)}
            empty={<Empty title={filtered ? 'No runs match these filters.' : 'No runs yet.'}>{filtered ? 'Change or clear the filters.' : 'Runs appear here when an event, a schedule, a request or a person starts a workflow.'}</Empty>}
          />
          <CursorPager hasPrevious={cursors.length > 0} nextCursor={runs.data.next_cursor} onPrevious={() => setCursors((seen) => seen.slice(0, -1))} onNext={(next) => setCursors((seen) => [...seen, next])} />
        </div>
      )}
    </>
  );
}

/** The search without empty values, so the URL holds only the filters in use. */
function dropEmpty(search: RunSearch): RunSearch {
  const kept: RunSearch = Object.fromEntries(Object.entries(search).filter(([, value]) => value !== undefined && value !== ''));
  return kept;
}
