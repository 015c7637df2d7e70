import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useState } from 'react';
import { stringify } from 'yaml';
import type { VersionSummary, WorkflowDetail } from '../../api/types.ts';
import { can, useMe } from '../../auth/session.ts';
import { BreakableName } from '../../ui/breakable-name.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { ErrorState, Loading } from '../../ui/states.tsx';
import { StatusBadge } from '../../ui/status-badge.tsx';
import { formatDateTime } from '../../ui/time.ts';
import { RollbackAction } from './rollback-action.tsx';
import { StatusActions } from './status-actions.tsx';
import { versionQuery, versionsQuery, workflowQuery, workflowsQuery } from './workflow-queries.ts';
import { triggerWords } from './trigger-words.ts';
import { NextRun } from './next-run.tsx';
import { WebhookUrl } from './webhook-url.tsx';

const route = getRouteApi('/app/workflows/$id');

/** One workflow: its status and trigger, its published versions, and a version's definition as YAML. */
export function WorkflowDetailPage() {
  const { id } = route.useParams();
  const search = route.useSearch();
  const me = useMe();
  const workflow = useQuery(workflowQuery(id));
  const versions = useQuery(versionsQuery(id));
  if (workflow.isPending) return <Loading label="Loading the workflow…" />;
  if (workflow.isError) return <ErrorState error={workflow.error} retry={() => void workflow.refetch()} />;
  const current = workflow.data.workflow;
  const shown = search.version ?? current.active_version ?? (current.latest_version > 0 ? current.latest_version : null);
  // An active workflow with a manual trigger can be started from here by whoever may operate runs.
  const runnable = current.status === 'active' && current.trigger_type === 'manual' && can(me, 'runs.operate');
  return (
    <>
      <PageHeader
        title={current.title}
        subtitle={
          <span className="row">
            <StatusBadge status={current.status} />
            <span className="mono">{current.id}</span>
          </span>
        }
        actions={
          can(me, 'workflows.write') || runnable ? (
            <>
              {runnable && (
                <Link to="/workflows/$id/run" params={{ id: current.id }} className="button primary">
                  Run now
                </Link>
              )}
              {can(me, 'workflows.write') && (
                <>
                  <Link to="/workflows/$id/edit" params={{ id: current.id }} className={runnable ? 'button' : 'button primary'}>
                    Edit
                  </Link>
                  <Link to="/workflows/$id/backtest" params={{ id: current.id }} search={shown === null ? { draft: true } : { version: shown }} className="button">
                    Backtest
                  </Link>
                  <StatusActions id={current.id} title={current.title} status={current.status} published={current.latest_version > 0} />
                </>
              )}
            </>
          ) : undefined
        }
      />
      <div className="workflow-detail">
        <div className="stack">
          <Overview workflow={current} />
          <section className="card" aria-labelledby="versions-title">
            <h2 id="versions-title">Versions</h2>
            {versions.isPending ? (
              <Loading label="Loading versions…" />
            ) : versions.isError ? (
              <ErrorState error={versions.error} retry={() => void versions.refetch()} />
            ) : (
              <VersionList id={id} versions={versions.data.versions} shown={shown} active={current.active_version} />
            )}
          </section>
        </div>
        <section className="card definition" aria-labelledby="definition-title">
          {shown === null ? <DraftYaml workflow={current} /> : <VersionYaml workflow={current} version={shown} canWrite={can(me, 'workflows.write')} />}
        </section>
      </div>
    </>
  );
}

function Overview({ workflow }: { workflow: WorkflowDetail }) {
  // The list answer has the trigger in words-ready form; reuse the cached list when it is there.
  const list = useQuery(workflowsQuery);
  const listed = list.data?.workflows.find((item) => item.id === workflow.id);
  return (
    <section className="card" aria-labelledby="overview-title">
      <h2 id="overview-title">Overview</h2>
      <dl className="kv">
        <dt>Trigger</dt>
        <dd>{listed === undefined ? (list.isPending ? '…' : workflow.trigger_type ?? '—') : <BreakableName text={triggerWords(listed.trigger)} />}</dd>
        {listed !== undefined && listed.next_run_at !== null && (
          <>
            <dt>Next run</dt>
            <dd>
              <NextRun at={listed.next_run_at} full />
            </dd>
          </>
        )}
        {listed?.trigger?.type === 'webhook' && (
          <>
            <dt>Inbound URL</dt>
            <dd>
              <WebhookUrl workflow={workflow.id} trigger={listed.trigger} active={workflow.status === 'active'} />
            </dd>
          </>
        )}
        {listed?.trigger?.when !== undefined && (
          <>
            <dt>Condition</dt>
            <dd>
              <code>{listed.trigger.when}</code>
            </dd>
          </>
        )}
        <dt>Active version</dt>
        <dd>{workflow.active_version === null ? 'None' : `v${workflow.active_version}`}</dd>
        <dt>Latest version</dt>
        <dd>{workflow.latest_version === 0 ? 'Never published' : `v${workflow.latest_version}`}</dd>
        {listed !== undefined && (
          <>
            <dt>Last run</dt>
            <dd>
              {listed.last_run === null ? (
                'Never ran'
              ) : (
                <span className="row">
                  <StatusBadge status={listed.last_run.status} />
                  <Link to="/runs/$id" params={{ id: listed.last_run.id }}>
                    {formatDateTime(listed.last_run.created_at)}
                  </Link>
                </span>
              )}
            </dd>
            <dt>Failed (24 h)</dt>
            <dd>{listed.failures_24h === 0 ? 'None' : <strong className="bad-text">{listed.failures_24h}</strong>}</dd>
          </>
        )}
        <dt>Updated</dt>
        <dd>{formatDateTime(workflow.updated_at)}</dd>
      </dl>
    </section>
  );
}

function VersionList({ id, versions, shown, active }: { id: string; versions: VersionSummary[]; shown: number | null; active: number | null }) {
  // The two versions ticked for comparing; a third tick drops the earliest.
  const [picked, setPicked] = useState<number[]>([]);
  if (versions.length === 0) return <p className="muted">Not published yet: only the draft exists.</p>;
  const toggle = (version: number) => setPicked((current) => (current.includes(version) ? current.filter((other) => other !== version) : [...current, version].slice(-2)));
  const [a, b] = [...picked].sort((left, right) => left - right);
  return (
    <>
      <ol className="version-list">
        {versions.map((version) => (
          <li key={version.version} className="version-item">
            <Link
              to="/workflows/$id"
              params={{ id }}
              search={{ version: version.version }}
              className={version.version === shown ? 'version-link current' : 'version-link'}
              aria-current={version.version === shown ? 'true' : undefined}
            >
              <span className="version-number">
                Version {version.version}
                {version.version === active && <span className="badge good">Active</span>}
              </span>
              <span className="small muted">{formatDateTime(version.created_at)}</span>
              {version.annotation !== null && <span className="small">{version.annotation}</span>}
            </Link>
            {versions.length > 1 && (
              <label className="version-pick small">
                <input type="checkbox" checked={picked.includes(version.version)} onChange={() => toggle(version.version)} aria-label={`Compare version ${version.version}`} />
                Compare
              </label>
            )}
          </li>
        ))}
      </ol>
      {versions.length > 1 && (
        <div className="version-compare">
          {a !== undefined && b !== undefined ? (
            <Link className="button" to="/workflows/$id/compare" params={{ id }} search={{ a, b }}>
              Compare version {a} with version {b}
            </Link>
          ) : (
            <span className="small muted">Tick two versions to compare them.</span>
          )}
        </div>
      )}
    </>
  );
}

function VersionYaml({ workflow, version, canWrite }: { workflow: WorkflowDetail; version: number; canWrite: boolean }) {
  const answer = useQuery(versionQuery(workflow.id, version));
  return (
    <>
      <div className="definition-head">
        <h2 id="definition-title">
          Version {version} {version === workflow.active_version && <span className="badge good">Active</span>}
        </h2>
        {canWrite && answer.isSuccess && version !== workflow.latest_version && <RollbackAction workflow={workflow} version={version} annotation={answer.data.version.annotation} />}
      </div>
      {answer.isPending ? (
        <Loading label="Loading the definition…" />
      ) : answer.isError ? (
        <ErrorState error={answer.error} retry={() => void answer.refetch()} />
      ) : (
        <>
          {answer.data.version.annotation !== null && <p className="muted">{answer.data.version.annotation}</p>}
          <YamlBlock value={answer.data.version.definition} label={`Version ${version} of ${workflow.id} as YAML`} />
        </>
      )}
    </>
  );
}

function DraftYaml({ workflow }: { workflow: WorkflowDetail }) {
  return (
    <>
      <h2 id="definition-title">Draft</h2>
      <p className="muted">Not published yet; this is what the next publish would make version 1.</p>
      <YamlBlock value={workflow.draft} label={`The draft of ${workflow.id} as YAML`} />
    </>
  );
}

function YamlBlock({ value, label }: { value: unknown; label: string }) {
  return (
    <pre className="yaml" tabIndex={0} aria-label={label}>
      <code>{stringify(value, { lineWidth: 0 })}</code>
    </pre>
  );
}
