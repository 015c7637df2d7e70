import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { lazy, Suspense, useState } from 'react';
import { api } from '../../api/api-client.ts';
import type { Me, RequestList, RunListAnswer } from '../../api/types.ts';
import { can, useMe } from '../../auth/session.ts';
import { PageHeader } from '../../ui/page-header.tsx';
import { Empty, ErrorState, Loading } from '../../ui/states.tsx';
import { StatusBadge } from '../../ui/status-badge.tsx';
import { titleFromId } from '../../../../src/core/id-from-title.ts';
import { formatDateTime, formatRelative } from '../../ui/time.ts';
import { UndeliveredEmailsPanel } from './undelivered-emails-panel.tsx';
import { HomeApprovalsPanel } from '../approvals/home-approvals-panel.tsx';
import { titledStepName } from '../runs/step-titles.ts';

// Charts are the biggest library on the page: their own chunk, loaded after the lists.
const RunCharts = lazy(() => import('./run-charts.tsx').then((module) => ({ default: module.RunCharts })));

const LIST_SIZE = 8;
const DAY_MS = 86_400_000;

/** Home: what waits for me, what I asked for, what broke, and how runs went this week; each panel only when the person may see it. */
export function HomePage() {
  const me = useMe();
  const panels = {
    approvals: can(me, 'approvals.read') && can(me, 'approvals.decide'),
    requests: can(me, 'requests.submit'),
    runs: can(me, 'runs.read'),
  };
  return (
    <>
      <PageHeader title={`Hello, ${firstName(me)}`} subtitle="What needs you, and how the runs went." />
      <div className="stack">
        {(panels.approvals || panels.requests) && (
          <div className="grid grid-2 home-lists">
            {panels.approvals && <HomeApprovalsPanel size={LIST_SIZE} />}
            {panels.requests && <RequestsPanel />}
          </div>
        )}
        {panels.runs && <UndeliveredEmailsPanel />}
        {panels.runs && <FailedRunsPanel />}
        {panels.runs && (
          <Suspense fallback={<Loading label="Loading charts…" />}>
            <RunCharts />
          </Suspense>
        )}
        {!panels.approvals && !panels.requests && !panels.runs && <Empty title="Nothing to show here for your role.">Use the menu to go to the pages you may open.</Empty>}
      </div>
    </>
  );
}

function firstName(me: Me): string {
  const name = me.user.name?.trim();
  return name !== undefined && name !== '' ? (name.split(/\s+/)[0] ?? name) : me.user.email;
}

function RequestsPanel() {
  const requests = useQuery({
    queryKey: ['requests', 'list', { mine: true, status: 'open', limit: LIST_SIZE }],
    queryFn: ({ signal }) => api<RequestList>('GET', '/requests', { query: { mine: true, status: 'open', limit: LIST_SIZE }, signal }),
  });
  return (
    <section className="card home-panel" aria-labelledby="home-requests">
      <div className="panel-head">
        <h2 id="home-requests">My open requests</h2>
        <Link to="/requests">All my requests</Link>
      </div>
      {requests.isPending ? (
        <Loading />
      ) : requests.isError ? (
        <ErrorState error={requests.error} retry={() => void requests.refetch()} />
      ) : requests.data.requests.length === 0 ? (
        <Empty title="You have no open requests.">
          <Link to="/catalog">Ask for something in the catalog</Link>
        </Empty>
      ) : (
        <ul className="home-list">
          {requests.data.requests.map((request) => (
            <li key={request.id}>
              <Link to="/requests/$id" params={{ id: request.id }}>
                {titleFromId(request.offering)}
              </Link>
              <span className="muted">
                <StatusBadge status={request.status} /> submitted {formatRelative(request.created_at)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function FailedRunsPanel() {
  // The window is fixed when the page opens, so the query key stays the same between refetches.
  const [since] = useState(() => new Date(Date.now() - DAY_MS).toISOString());
  const failed = useQuery({
    queryKey: ['runs', 'list', { status: 'failed', finished_after: since, limit: LIST_SIZE }],
    queryFn: ({ signal }) => api<RunListAnswer>('GET', '/runs', { query: { status: 'failed', finished_after: since, limit: LIST_SIZE }, signal }),
  });
  return (
    <section className="card home-panel" aria-labelledby="home-failed">
      <div className="panel-head">
        <h2 id="home-failed">Runs failed in the last 24 hours</h2>
        <Link to="/runs" search={{ status: 'failed' }}>
          All failed runs
        </Link>
      </div>
      {failed.isPending ? (
        <Loading />
      ) : failed.isError ? (
        <ErrorState error={failed.error} retry={() => void failed.refetch()} />
      ) : failed.data.runs.length === 0 ? (
        <Empty title="No run failed in the last 24 hours." />
      ) : (
        <ul className="home-list">
          {failed.data.runs.map((run) => (
            <FailedRunLine key={run.id} run={run} />
          ))}
        </ul>
      )}
    </section>
  );
}

/** A failed run: its workflow (a link to the run) and the step it failed at, by the titles the list gives; why, and when. */
function FailedRunLine({ run }: { run: RunListAnswer['runs'][number] }) {
  return (
    <li>
      <Link to="/runs/$id" params={{ id: run.id }}>
        {run.workflow_title}
      </Link>
      <span className="muted">
        {run.failed_step === null ? '' : `at “${titledStepName(run.failed_step_title, run.failed_step)}”: `}
        {run.error?.message ?? 'failed'} · {formatDateTime(run.finished_at)}
      </span>
    </li>
  );
}
