import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useMemo } from 'react';
import { api } from '../../api/api-client.ts';
import { PageHeader } from '../../ui/page-header.tsx';
import { ErrorState, Loading } from '../../ui/states.tsx';
import { formatDateTime } from '../../ui/time.ts';
import { lineDiff } from '../workflows/version-changes.ts';
import { YamlDiffView } from '../workflows/yaml-diff-view.tsx';
import { actorText } from './actor-text.ts';
import type { AuditEntry } from './audit-types.ts';

const route = getRouteApi('/app/audit/$seq');

/** One audit entry: who, what, which object, and its before and after side by side as a diff. */
export function AuditEntryPage() {
  const { seq } = route.useParams();
  const entry = useQuery({ queryKey: ['audit', 'entry', seq], queryFn: () => api<{ entry: AuditEntry }>('GET', `/audit/${encodeURIComponent(seq)}`) });
  return (
    <>
      <PageHeader title={`Audit entry ${seq}`} subtitle={entry.data?.entry.action} />
      {entry.isPending ? <Loading label="Loading the entry…" /> : entry.isError ? <ErrorState error={entry.error} retry={() => void entry.refetch()} /> : <EntryBody entry={entry.data.entry} />}
    </>
  );
}

function EntryBody({ entry }: { entry: AuditEntry }) {
  const { before, after, ...rest } = entry.detail;
  const lines = useMemo(() => lineDiff(JSON.stringify(before ?? null, null, 2), JSON.stringify(after ?? null, null, 2)), [before, after]);
  return (
    <div className="stack">
      <section className="card" aria-labelledby="entry-title">
        <h2 id="entry-title">Entry</h2>
        <dl className="kv">
          <dt>At</dt>
          <dd>{formatDateTime(entry.at)}</dd>
          <dt>Actor</dt>
          <dd>
            {actorText(entry.actor)}
            {entry.actor.via !== null && <span className="muted"> via {entry.actor.via}</span>}
          </dd>
          <dt>Action</dt>
          <dd className="mono">{entry.action}</dd>
          <dt>Target</dt>
          <dd>
            {entry.target.type} <span className="mono">{entry.target.id}</span>
          </dd>
          {entry.service !== null && (
            <>
              <dt>Service</dt>
              <dd>{[entry.service, entry.offering].filter(Boolean).join(' / ')}</dd>
            </>
          )}
          <dt>Hash</dt>
          <dd className="mono wrap-anywhere">{entry.hash}</dd>
          <dt>Previous hash</dt>
          <dd className="mono wrap-anywhere">{entry.prev_hash}</dd>
        </dl>
      </section>
      {(before !== undefined || after !== undefined) && (
        <section className="card" aria-labelledby="change-title">
          <h2 id="change-title">Before → after</h2>
          <YamlDiffView lines={lines} label="Line diff of the detail before and after" />
        </section>
      )}
      {Object.keys(rest).length > 0 && (
        <section className="card" aria-labelledby="detail-title">
          <h2 id="detail-title">Detail</h2>
          <pre className="json" tabIndex={0}>
            <code>{JSON.stringify(rest, null, 2)}</code>
          </pre>
        </section>
      )}
    </div>
  );
}
