import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import { useEffect, useRef, useState } from 'react';
import { api } from '../../../api/api-client.ts';
import { CursorPager, DataTable } from '../../../ui/data-table.tsx';
import { Empty, ErrorState, Loading } from '../../../ui/states.tsx';
import { StatusBadge } from '../../../ui/status-badge.tsx';
import { statusLabel } from '../../../ui/status-label.ts';
import { formatDateTime } from '../../../ui/time.ts';
import { useCursorPages } from '../../../ui/cursor-pages.ts';
import { effectCount, effectMoney } from './effect-words.ts';
import { PreviewResult } from './preview-result.tsx';
import { backtestRunsQuery } from './simulation-queries.ts';
import type { Approval, BacktestRun, Preview } from './simulation-types.ts';

const STATUSES = ['completed', 'failed', 'waiting', 'cancelled'] as const;

export interface BacktestRunsProps {
  backtest: string;
  /** What the backtest replayed, for the drill-down's preview of one event. */
  definition: Record<string, unknown>;
  condition: string | null;
  liveReads: boolean;
  approval: Approval;
}

/** The runs a backtest would have started, paged, each opening the preview of its event. */
export function BacktestRuns({ backtest, definition, condition, liveReads, approval }: BacktestRunsProps) {
  const [status, setStatus] = useState<string>('');
  const pages = useCursorPages();
  const runs = useQuery({ ...backtestRunsQuery(backtest, pages.cursor, status === '' ? undefined : status), placeholderData: keepPreviousData });
  const [opened, setOpened] = useState<string | null>(null);
  const column = createColumnHelper<BacktestRun>();
  const columns = [
    column.accessor('event_id', {
      header: 'Event',
      cell: (cell) => (
        <span className="stacked-cell">
          <span className="mono">{cell.getValue()}</span>
          <span className="small muted">{eventTime(cell.row.original.event_created)}</span>
        </span>
      ),
    }),
    column.accessor('status', {
      header: 'Would end',
      cell: (cell) => (
        <span className="stacked-cell">
          <StatusBadge status={cell.getValue()} />
          {cell.row.original.outcome !== null && <span className="mono small">{cell.row.original.outcome}</span>}
          {cell.row.original.error !== null && <span className="small bad-text">{cell.row.original.error.code}</span>}
        </span>
      ),
    }),
    column.accessor('effects', {
      header: 'Would do',
      cell: (cell) =>
        cell.getValue().length === 0 ? (
          <span className="muted">Nothing</span>
        ) : (
          <ul className="plain-list">
            {cell.getValue().map((effect) => (
              <li key={effect.operation}>
                {effectCount(effect)}
                {effectMoney(effect) !== null && <strong>: {effectMoney(effect)}</strong>}
              </li>
            ))}
          </ul>
        ),
    }),
    column.display({
      id: 'open',
      header: '',
      cell: (cell) => (
        <button
          type="button"
          className="button"
          aria-expanded={opened === cell.row.original.event_id}
          aria-label={`${opened === cell.row.original.event_id ? 'Close' : 'Open'} the run for ${cell.row.original.event_id}`}
          onClick={() => setOpened(opened === cell.row.original.event_id ? null : cell.row.original.event_id)}
        >
          {opened === cell.row.original.event_id ? 'Close' : 'Open'}
        </button>
      ),
    }),
  ];
  return (
    <section className="stack" aria-labelledby="backtest-runs-title">
      <div className="panel-head">
        <h2 id="backtest-runs-title">Would-be runs</h2>
        <label className="field inline-field">
          <span>Status</span>
          <select
            value={status}
            onChange={(change) => {
              setStatus(change.target.value);
              setOpened(null);
            }}
          >
            <option value="">All</option>
            {STATUSES.map((item) => (
              <option key={item} value={item}>
                {statusLabel(item)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {opened !== null && <RunDrillDown key={opened} eventId={opened} definition={definition} condition={condition} liveReads={liveReads} approval={approval} onClose={() => setOpened(null)} />}
      {runs.isPending ? (
        <Loading label="Loading the runs…" />
      ) : runs.isError ? (
        <ErrorState error={runs.error} retry={() => void runs.refetch()} />
      ) : (
        <>
          <DataTable
            caption="Would-be runs"
            columns={columns}
            rows={runs.data.runs}
            rowKey={(row) => row.event_id}
            rowClassName={(row) => (row.status === 'failed' ? 'failed' : undefined)}
            empty={<Empty title={status === '' ? 'No run would start.' : `No run would end ${status}.`}>The trigger's condition held for none of the events replayed.</Empty>}
          />
          <CursorPager hasPrevious={pages.hasPrevious} nextCursor={runs.data.next_cursor} onPrevious={pages.onPrevious} onNext={pages.onNext} />
        </>
      )}
    </section>
  );
}

/** One would-be run in full: the preview of its event, with the backtest's definition and options. */
function RunDrillDown({ eventId, definition, condition, liveReads, approval, onClose }: { eventId: string; definition: Record<string, unknown>; condition: string | null; liveReads: boolean; approval: Approval; onClose: () => void }) {
  const here = useRef<HTMLElement>(null);
  const preview = useQuery({
    queryKey: ['preview', eventId, definition, liveReads, approval],
    queryFn: () => api<{ preview: Preview }>('POST', '/preview', { body: { definition, event_id: eventId, live_reads: liveReads, approval } }).then((answer) => answer.preview),
    staleTime: Infinity,
    retry: false,
  });
  useEffect(() => here.current?.scrollIntoView({ block: 'start' }), []);
  return (
    <section className="card backtest-drill-down" ref={here} aria-labelledby="drill-down-title" tabIndex={-1}>
      <div className="panel-head">
        <h2 id="drill-down-title">
          Run for <span className="mono">{eventId}</span>
        </h2>
        <button type="button" className="button subtle" onClick={onClose}>
          Close
        </button>
      </div>
      {preview.isPending ? <Loading label="Previewing the run…" /> : preview.isError ? <ErrorState error={preview.error} retry={() => void preview.refetch()} /> : <PreviewResult preview={preview.data} condition={condition} />}
    </section>
  );
}

function eventTime(created: string | number): string {
  return formatDateTime(typeof created === 'number' ? new Date(created * 1000).toISOString() : created);
}
