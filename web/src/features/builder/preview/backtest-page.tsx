import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useMemo } from 'react';
import type { ReactNode } from 'react';
import { ApiError } from '../../../api/api-error.ts';
import { PageHeader } from '../../../ui/page-header.tsx';
import { ErrorState, Loading } from '../../../ui/states.tsx';
import { formatDateTime } from '../../../ui/time.ts';
import { versionQuery, versionsQuery, workflowQuery } from '../../workflows/workflow-queries.ts';
import { BacktestForm, type Subject } from './backtest-form.tsx';
import { BacktestReport } from './backtest-report.tsx';
import { BacktestRuns } from './backtest-runs.tsx';
import { windowWords } from './backtest-window.ts';
import { backtestQuery, useStartBacktest } from './simulation-queries.ts';
import type { Backtest } from './simulation-types.ts';
import { PreviewPanel } from './preview-panel.tsx';
import { SimulationError } from './simulation-error.tsx';
import { draftTrigger } from './trigger-of.ts';

const route = getRouteApi('/app/workflows/$id/backtest');

/**
 * Replays a workflow's stored events through its draft or a version, with every side effect
 * stubbed, and reports what it would have done: runs, outcomes, money; each run opens its preview.
 */
export function BacktestPage() {
  const { id } = route.useParams();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  // The builder autosaves the draft just before linking here: read it afresh.
  const workflow = useQuery({ ...workflowQuery(id), staleTime: 0 });
  const versions = useQuery(versionsQuery(id));
  const start = useStartBacktest();
  if (workflow.isPending || versions.isPending) return <Loading label="Loading the workflow…" />;
  if (workflow.isError) return <ErrorState error={workflow.error} retry={() => void workflow.refetch()} />;
  if (versions.isError) return <ErrorState error={versions.error} retry={() => void versions.refetch()} />;
  const current = workflow.data.workflow;
  // The builder links with ?draft=1; otherwise the version asked for, the active one, or the draft.
  const subject: Subject =
    search.draft === true ? { kind: 'draft' } : search.version !== undefined ? { kind: 'version', version: search.version } : current.active_version !== null ? { kind: 'version', version: current.active_version } : { kind: 'draft' };
  const setSubject = (next: Subject) => void navigate({ search: next.kind === 'draft' ? { draft: true } : { version: next.version }, replace: true });
  return (
    <>
      <p className="breadcrumbs">
        <Link to="/workflows">Workflows</Link> / <Link to="/workflows/$id" params={{ id }}>{current.title}</Link> / Backtest
      </p>
      <PageHeader title={`Backtest: ${current.title}`} subtitle="Replays stored events through the workflow with every side effect stubbed: nothing is written, sent or paid." />
      <div className="backtest-layout">
        <SubjectDefinition id={id} subject={subject} draft={current.draft}>
          {(definition) => (
            <>
              <BacktestForm
                subject={subject}
                onSubject={setSubject}
                versions={versions.data.versions}
                active={current.active_version}
                pending={start.isPending}
                onRun={(options) =>
                  start.mutate(
                    { definition, ...options },
                    {
                      onSuccess: (backtest) =>
                        void navigate({
                          search: { ...(subject.kind === 'draft' ? { draft: true } : { version: subject.version }), backtest: backtest.id, ...(options.live_reads === true ? { live: true } : {}), ...(options.approval === 'reject' ? { approval: 'reject' as const } : {}) },
                        }),
                    },
                  )
                }
              />
              <details className="card backtest-one-event">
                <summary>Preview one event first</summary>
                <PreviewPanel definition={definition} onPath={ignorePath} />
              </details>
              {start.isError && <SimulationError error={start.error} invalidTitle="This definition cannot run:" />}
              {search.backtest !== undefined && <BacktestView key={search.backtest} id={search.backtest} definition={definition} liveReads={search.live === true} approval={search.approval ?? 'approve'} />}
            </>
          )}
        </SubjectDefinition>
      </div>
    </>
  );
}

/** The definition a backtest replays: the draft as saved, or a published version's. */
function SubjectDefinition({ id, subject, draft, children }: { id: string; subject: Subject; draft: unknown; children: (definition: Record<string, unknown>) => ReactNode }) {
  const version = useQuery({ ...versionQuery(id, subject.kind === 'version' ? subject.version : 0), enabled: subject.kind === 'version' });
  if (subject.kind === 'draft') return <>{children(asDefinition(draft))}</>;
  if (version.isPending) return <Loading label={`Loading version ${subject.version}…`} />;
  if (version.isError) return <ErrorState error={version.error} retry={() => void version.refetch()} />;
  return <>{children(asDefinition(version.data.version.definition))}</>;
}

function BacktestView({ id, definition, liveReads, approval }: { id: string; definition: Record<string, unknown>; liveReads: boolean; approval: 'approve' | 'reject' }) {
  const backtest = useQuery(backtestQuery(id));
  const condition = useMemo(() => draftTrigger(definition).when, [definition]);
  if (backtest.isPending) return <Loading label="Loading the backtest…" />;
  if (backtest.isError) return <ErrorState error={backtest.error} retry={() => void backtest.refetch()} />;
  const current = backtest.data;
  return (
    <>
      <BacktestHeading backtest={current} />
      {current.status === 'running' ? (
        <BacktestProgress backtest={current} />
      ) : current.status === 'failed' || current.report === null ? (
        <ErrorState error={new ApiError(500, current.error?.code ?? 'backtest_failed', current.error?.message ?? 'The backtest ended without a report. Run it again.')} />
      ) : (
        <>
          <BacktestReport report={current.report} />
          <BacktestRuns backtest={current.id} definition={definition} condition={condition} liveReads={liveReads} approval={approval} />
        </>
      )}
    </>
  );
}

function BacktestHeading({ backtest }: { backtest: Backtest }) {
  return (
    <p className="muted backtest-heading">
      <span className="mono">{backtest.event_type}</span> events {windowWords(backtest.window, formatDateTime)} · started {formatDateTime(backtest.created_at)}
      {backtest.finished_at !== null && <> · finished {formatDateTime(backtest.finished_at)}</>}
    </p>
  );
}

function BacktestProgress({ backtest }: { backtest: Backtest }) {
  const { done, total } = backtest.progress;
  return (
    <section className="card backtest-progress" aria-labelledby="backtest-progress-title">
      <h2 id="backtest-progress-title">Replaying events…</h2>
      <progress max={Math.max(total, 1)} value={done} aria-labelledby="backtest-progress-title" />
      <p className="muted" role="status">
        {total === 0 ? 'Finding the events…' : `${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} events replayed`}
      </p>
    </section>
  );
}

/** This page draws no graph to highlight the previewed path on. */
const ignorePath = () => undefined;

function asDefinition(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
