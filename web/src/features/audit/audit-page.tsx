import { useMutation, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { createColumnHelper } from '@tanstack/react-table';
import { useState, type FormEvent } from 'react';
import { AUDIT_ACTIONS } from '../../../../src/core/audit-entry.ts';
import { api, apiPath } from '../../api/api-client.ts';
import { CursorPager, DataTable } from '../../ui/data-table.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { Empty, ErrorState, Loading } from '../../ui/states.tsx';
import { formatDateTime } from '../../ui/time.ts';
import { useCursorPages } from '../../ui/cursor-pages.ts';
import { actorText } from './actor-text.ts';
import type { AuditEntry, AuditList, AuditVerifyReport } from './audit-types.ts';

interface Filters {
  actor: string;
  action: string;
  target_type: string;
  target_id: string;
  service: string;
  offering: string;
  from: string;
  to: string;
}

const NO_FILTERS: Filters = { actor: '', action: '', target_type: '', target_id: '', service: '', offering: '', from: '', to: '' };

/** The filters as query values: times as ISO 8601, empty ones left out by apiPath. */
function filterQuery(filters: Filters): Record<string, string> {
  const iso = (local: string) => (local === '' ? '' : new Date(local).toISOString());
  return { ...filters, from: iso(filters.from), to: iso(filters.to) };
}

const column = createColumnHelper<AuditEntry>();
const columns = [
  column.accessor('seq', { header: 'Seq', cell: ({ getValue }) => <Link to="/audit/$seq" params={{ seq: String(getValue()) }}>{getValue()}</Link> }),
  column.accessor('at', { header: 'At', cell: ({ getValue }) => formatDateTime(getValue()) }),
  column.accessor('actor', { header: 'Actor', cell: ({ getValue }) => <span className="wrap-anywhere">{actorText(getValue())}</span> }),
  column.accessor('action', { header: 'Action', cell: ({ getValue }) => <span className="mono">{getValue()}</span> }),
  column.accessor('target', { header: 'Target', cell: ({ getValue }) => <span className="wrap-anywhere">{`${getValue().type} ${getValue().id}`}</span> }),
  column.accessor('service', { header: 'Service', cell: ({ row }) => [row.original.service, row.original.offering].filter(Boolean).join(' / ') }),
];

/** The audit trail: filter, open an entry, export with the filters, verify the chain. */
export function AuditPage() {
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const pages = useCursorPages();
  const query = filterQuery(filters);
  const entries = useQuery({
    queryKey: ['audit', query, pages.cursor],
    queryFn: () => api<AuditList>('GET', '/audit', { query: { ...query, cursor: pages.cursor } }),
  });
  const verify = useMutation({ mutationFn: () => api<AuditVerifyReport>('GET', '/audit/verify') });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFilters(draft);
  };
  const field = (name: keyof Filters, label: string, type = 'text') => (
    <label className="field">
      <span>{label}</span>
      <input type={type} value={draft[name]} onChange={(changed) => setDraft({ ...draft, [name]: changed.target.value })} spellCheck={false} />
    </label>
  );
  return (
    <>
      <PageHeader title="Audit trail" subtitle="Who did what to which object, hash-chained: an edited, deleted or reordered entry is detected." />
      <form className="filters" onSubmit={submit} aria-label="Filter the audit trail">
        {field('actor', 'Actor')}
        <label className="field">
          <span>Action</span>
          <select value={draft.action} onChange={(changed) => setDraft({ ...draft, action: changed.target.value })}>
            <option value="">Any action</option>
            {AUDIT_ACTIONS.map((action) => (
              <option key={action} value={action}>
                {action}
              </option>
            ))}
          </select>
        </label>
        {field('target_type', 'Target type')}
        {field('target_id', 'Target id')}
        {field('service', 'Service')}
        {field('offering', 'Offering')}
        {field('from', 'From', 'datetime-local')}
        {field('to', 'Before', 'datetime-local')}
        <div className="row filter-buttons">
          <button type="submit" className="button primary">
            Apply
          </button>
          <button type="button" className="button subtle" onClick={() => (setDraft(NO_FILTERS), setFilters(NO_FILTERS))}>
            Clear
          </button>
        </div>
      </form>
      <div className="row">
        <a className="button" href={apiPath('/audit/export', { ...query, format: 'csv' })} download>
          Export CSV
        </a>
        <a className="button" href={apiPath('/audit/export', { ...query, format: 'json' })} download>
          Export JSON
        </a>
        <button type="button" className="button" onClick={() => verify.mutate()} disabled={verify.isPending}>
          Verify
        </button>
      </div>
      {verify.isError && <ErrorState error={verify.error} retry={() => verify.mutate()} />}
      {verify.data !== undefined && <VerifyResult report={verify.data} />}
      {entries.isPending ? (
        <Loading label="Loading the audit trail…" />
      ) : entries.isError ? (
        <ErrorState error={entries.error} retry={() => void entries.refetch()} />
      ) : (
        <>
          <DataTable caption="Audit entries" columns={columns} rows={entries.data.entries} rowKey={(entry) => String(entry.seq)} empty={<Empty title="No entries match">Change or clear the filters.</Empty>} />
          <CursorPager
            hasPrevious={pages.hasPrevious}
            nextCursor={entries.data.next_cursor === null ? null : String(entries.data.next_cursor)}
            onPrevious={pages.onPrevious}
            onNext={pages.onNext}
          />
        </>
      )}
    </>
  );
}

function VerifyResult({ report }: { report: AuditVerifyReport }) {
  if (report.first_bad === undefined) {
    return (
      <p className="notice good" role="status">
        ✓ {report.checked} entries, chain intact, head <span className="mono">{report.head.hash}</span>
      </p>
    );
  }
  return (
    <p className="notice bad" role="alert">
      ✗ Entry {report.first_bad.seq} {report.first_bad.problem.replaceAll('_', ' ')}: {report.first_bad.message}
    </p>
  );
}
