import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { createColumnHelper } from '@tanstack/react-table';
import { useState, type FormEvent } from 'react';
import { formatAmount } from '../../../../src/expression/money.ts';
import { api } from '../../api/api-client.ts';
import { CursorPager, DataTable } from '../../ui/data-table.tsx';
import { Empty, ErrorState, Loading } from '../../ui/states.tsx';
import { statusLabel } from '../../ui/status-label.ts';
import { formatDateTime } from '../../ui/time.ts';
import { useCursorPages } from '../../ui/cursor-pages.ts';
import type { Reservation, ReservationList } from './governance-types.ts';

interface Filters {
  status: string;
  charge: string;
  customer: string;
  workflow: string;
}

const NO_FILTERS: Filters = { status: '', charge: '', customer: '', workflow: '' };

const STATUS_TONES: Record<Reservation['status'], string> = { reserved: 'warn', settled: 'good', released: 'muted' };
const STATUS_HINTS: Record<Reservation['status'], string> = {
  reserved: 'Held before the call; the money may be moving',
  settled: 'The call succeeded: the money moved',
  released: 'The call failed: nothing moved',
};

const column = createColumnHelper<Reservation>();
const columns = [
  column.accessor('created_at', { header: 'When', cell: ({ getValue }) => formatDateTime(getValue()) }),
  column.accessor('charge', { header: 'Charge', cell: ({ getValue }) => <span className="mono wrap-anywhere">{getValue()}</span> }),
  column.accessor('customer', { header: 'Customer', cell: ({ getValue }) => <span className="mono wrap-anywhere">{getValue() ?? '—'}</span> }),
  column.accessor('amount', { header: 'Amount', cell: ({ row }) => formatAmount(row.original.amount, row.original.currency) }),
  column.accessor('status', {
    header: 'Status',
    cell: ({ getValue }) => (
      <span className={`badge ${STATUS_TONES[getValue()]}`} title={STATUS_HINTS[getValue()]}>
        {statusLabel(getValue())}
      </span>
    ),
  }),
  column.accessor('run_id', {
    header: 'Run',
    cell: ({ row }) => (
      <span className="stacked-cell">
        <Link to="/runs/$id" params={{ id: row.original.run_id }} className="mono">
          {row.original.run_id}
        </Link>
        <span className="muted">{row.original.workflow}</span>
      </span>
    ),
  }),
  column.accessor('refund_id', { header: 'Refund', cell: ({ getValue }) => <span className="mono wrap-anywhere">{getValue() ?? '—'}</span> }),
];

/** The refund reservation ledger with its filters; a new filter starts again at the newest page. */
export function ReservationLedger() {
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFilters(draft);
  };
  const field = (name: Exclude<keyof Filters, 'status'>, label: string, placeholder: string) => (
    <label className="field">
      <span>{label}</span>
      <input value={draft[name]} placeholder={placeholder} onChange={(changed) => setDraft({ ...draft, [name]: changed.target.value.trim() })} spellCheck={false} />
    </label>
  );
  return (
    <>
      <form className="filters" onSubmit={submit} aria-label="Filter the reservation ledger">
        <label className="field">
          <span>Status</span>
          <select value={draft.status} onChange={(changed) => setDraft({ ...draft, status: changed.target.value })}>
            <option value="">Any status</option>
            <option value="reserved">Reserved</option>
            <option value="settled">Settled</option>
            <option value="released">Released</option>
          </select>
        </label>
        {field('charge', 'Charge', 'ch_…')}
        {field('customer', 'Customer', 'cus_…')}
        {field('workflow', 'Workflow', 'customer-refund')}
        <div className="row filter-buttons">
          <button type="submit" className="button primary">
            Apply
          </button>
          <button type="button" className="button subtle" onClick={() => (setDraft(NO_FILTERS), setFilters(NO_FILTERS))}>
            Clear
          </button>
        </div>
      </form>
      <LedgerPages key={JSON.stringify(filters)} filters={filters} />
    </>
  );
}

function LedgerPages({ filters }: { filters: Filters }) {
  const pages = useCursorPages();
  const filtered = Object.values(filters).some((value) => value !== '');
  const ledger = useQuery({
    queryKey: ['refund-reservations', filters, pages.cursor],
    queryFn: () => api<ReservationList>('GET', '/refund-reservations', { query: { ...filters, cursor: pages.cursor } }),
  });
  if (ledger.isPending) return <Loading label="Loading the ledger…" />;
  if (ledger.isError) return <ErrorState error={ledger.error} retry={() => void ledger.refetch()} />;
  const empty = filtered ? (
    <Empty title="No reservations match">Change or clear the filters.</Empty>
  ) : (
    <Empty title="No refund has been reserved yet">Every refund or credit note a workflow makes is reserved here before the call, then settled or released.</Empty>
  );
  return (
    <>
      <DataTable caption="Refund reservations" columns={columns} rows={ledger.data.reservations} rowKey={(row) => row.id} empty={empty} />
      <CursorPager hasPrevious={pages.hasPrevious} nextCursor={ledger.data.next_cursor} onPrevious={pages.onPrevious} onNext={pages.onNext} />
    </>
  );
}
