import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { lazy, Suspense, useMemo } from 'react';
import type { Run, StepAttempt, TitledRun } from '../../api/types.ts';
import { JsonView } from '../../ui/json-view.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { ErrorState, Loading } from '../../ui/states.tsx';
import { StatusBadge } from '../../ui/status-badge.tsx';
import { statusLabel } from '../../ui/status-label.ts';
import { formatDateTime, formatDuration } from '../../ui/time.ts';
import { RunAbout } from './run-about.tsx';
import { RunActions } from './run-actions.tsx';
import { runPath, type NodeState } from './run-path.ts';
import { workflowGraphQuery } from '../../api/workflow-reads.ts';
import { runDetailQuery } from './run-queries.ts';
import { RunTrigger } from './run-trigger.tsx';
import { titledStepName } from './step-titles.ts';
import { runDetailRoute } from './routes.tsx';
import { StepTimeline } from './step-timeline.tsx';

/** The step states the graph's legend explains. */
const LEGEND_STATES: readonly NodeState[] = ['succeeded', 'failed', 'waiting', 'not_run'];

// The graph library is large: its own chunk, loaded when a run is opened.
const RunGraph = lazy(() => import('./run-graph.tsx').then((module) => ({ default: module.RunGraph })));

/** One run: what started it, how it went, its graph with the path taken, and its step timeline. */
export function RunDetailPage() {
  const { id } = runDetailRoute.useParams();
  const detail = useQuery(runDetailQuery(id));
  if (detail.isPending) return <Loading label="Loading the run…" />;
  if (detail.isError) return <ErrorState error={detail.error} retry={() => void detail.refetch()} />;
  const { run, steps } = detail.data;
  const title = run.workflow_title;
  const event = run.trigger.type === 'event' ? run.variables.event : undefined;
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumbs">
        <Link to="/runs">Runs</Link> <span aria-hidden="true">›</span> <span className="mono">{run.id}</span>
      </nav>
      <PageHeader
        title={
          <span className="row">
            {title} <StatusBadge status={run.status} />
          </span>
        }
        subtitle={<span className="mono">{run.id}</span>}
        actions={<RunActions run={run} canWake={detail.data.can_wake} />}
      />
      <div className="stack">
        <RunSummary run={run} workflowTitle={title} />
        <RunGraphCard run={run} steps={steps} />
        {event !== undefined && (
          <section className="card" aria-labelledby="event-heading">
            <h2 id="event-heading">Triggering event</h2>
            <p className="muted">Shown once here; steps that use it say so instead of repeating it.</p>
            <JsonView value={event} label="Triggering event" openDepth={1} />
          </section>
        )}
        <RunVariables run={run} />
        <TimelineCard run={run} steps={steps} />
      </div>
    </>
  );
}

/** What the run is and how it went; the step it failed at is named by the title the run's answer gives, with no graph to wait for. */
function RunSummary({ run, workflowTitle }: { run: TitledRun; workflowTitle: string }) {
  const ended = run.finished_at === null ? undefined : Date.parse(run.finished_at) - Date.parse(run.created_at);
  return (
    <section className="card" aria-labelledby="summary-heading">
      <h2 id="summary-heading" className="visually-hidden">
        Summary
      </h2>
      <dl className="kv run-summary">
        <dt>Status</dt>
        <dd>
          <StatusBadge status={run.status} /> {run.outcome !== null && <span>outcome {run.outcome}</span>}
        </dd>
        <dt>Workflow</dt>
        <dd>
          <Link to="/runs" search={{ workflow: run.workflow }} title="Runs of this workflow">
            {workflowTitle}
          </Link>{' '}
          <span className="muted">version {run.version}</span>
        </dd>
        <dt>Started by</dt>
        <dd>
          <RunTrigger run={run} />
        </dd>
        <RunAbout run={run} />
        <dt>Started</dt>
        <dd>{formatDateTime(run.created_at)}</dd>
        <dt>Ended</dt>
        <dd>{run.finished_at === null ? <span className="muted">not yet</span> : `${formatDateTime(run.finished_at)} (took ${formatDuration(ended)})`}</dd>
        {run.retry_generation > 0 && (
          <>
            <dt>Retried</dt>
            <dd>{run.retry_generation === 1 ? 'once' : `${run.retry_generation} times`}</dd>
          </>
        )}
      </dl>
      {run.error !== null && (
        <div className="step-error run-error" role="note">
          <strong>{run.failed_step === null ? 'The run failed' : `Failed at “${titledStepName(run.failed_step_title, run.failed_step)}”`}:</strong> {run.error.message} <code>{run.error.code}</code>
        </div>
      )}
    </section>
  );
}

function RunGraphCard({ run, steps }: { run: Run; steps: StepAttempt[] }) {
  const graph = useQuery(workflowGraphQuery(run.workflow, run.version));
  const path = useMemo(() => (graph.data === undefined ? undefined : runPath(graph.data, steps)), [graph.data, steps]);
  return (
    <section className="card" aria-labelledby="graph-heading">
      <h2 id="graph-heading">Path taken</h2>
      {graph.isPending ? (
        <Loading label="Loading the graph…" />
      ) : graph.isError ? (
        <ErrorState error={graph.error} retry={() => void graph.refetch()} />
      ) : path === undefined ? null : (
        <>
          <Suspense fallback={<Loading label="Drawing the graph…" />}>
            <RunGraph graph={graph.data} path={path} />
          </Suspense>
          <ul className="graph-legend" aria-label="Legend">
            {LEGEND_STATES.map((state) => (
              <li key={state}>
                <span className={`swatch state-${state}`} /> {statusLabel(state)}
              </li>
            ))}
            <li><span className="swatch-line" /> Path taken</li>
          </ul>
        </>
      )}
    </section>
  );
}

/** The run's variables, without the event and its object (shown once above). */
function RunVariables({ run }: { run: Run }) {
  const shown = Object.fromEntries(Object.entries(run.variables).filter(([key]) => run.trigger.type !== 'event' || (key !== 'event' && key !== 'object')));
  if (Object.keys(shown).length === 0) return null;
  return (
    <section className="card" aria-labelledby="variables-heading">
      <h2 id="variables-heading">Variables</h2>
      <JsonView value={shown} label="Run variables" openDepth={1} />
    </section>
  );
}

function TimelineCard({ run, steps }: { run: Run; steps: StepAttempt[] }) {
  return (
    <section className="card" aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">Timeline</h2>
      <StepTimeline attempts={steps} event={run.trigger.type === 'event' ? run.variables.event : undefined} />
    </section>
  );
}
