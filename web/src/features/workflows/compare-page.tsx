import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { lazy, Suspense, useMemo } from 'react';
import { stringify } from 'yaml';
import type { Version, VersionSummary, WorkflowDetail } from '../../api/types.ts';
import { can, useMe } from '../../auth/session.ts';
import { PageHeader } from '../../ui/page-header.tsx';
import { Empty, ErrorState, Loading } from '../../ui/states.tsx';
import { formatDateTime } from '../../ui/time.ts';
import { workflowGraphQuery } from '../../api/workflow-reads.ts';
import { RollbackAction } from './rollback-action.tsx';
import { lineDiff, stepChanges, type StepChange } from './version-changes.ts';
import { versionQuery, versionsQuery, workflowQuery } from './workflow-queries.ts';
import { YamlDiffView } from './yaml-diff-view.tsx';

// The graph library is large: its own chunk, as on the run page.
const RunGraph = lazy(() => import('../runs/run-graph.tsx').then((module) => ({ default: module.RunGraph })));

const route = getRouteApi('/app/workflows/$id/compare');

/** Two published versions of a workflow side by side: their graphs with the steps that changed marked, and a line diff of their YAML. */
export function ComparePage() {
  const { id } = route.useParams();
  const search = route.useSearch();
  const workflow = useQuery(workflowQuery(id));
  const versions = useQuery(versionsQuery(id));
  if (workflow.isPending || versions.isPending) return <Loading label="Loading the versions…" />;
  if (workflow.isError) return <ErrorState error={workflow.error} retry={() => void workflow.refetch()} />;
  if (versions.isError) return <ErrorState error={versions.error} retry={() => void versions.refetch()} />;
  const current = workflow.data.workflow;
  const header = (
    <PageHeader
      title={`Compare versions of ${current.title}`}
      subtitle={
        <Link to="/workflows/$id" params={{ id }}>
          Back to the workflow
        </Link>
      }
    />
  );
  if (versions.data.versions.length < 2) {
    return (
      <>
        {header}
        <Empty title="Nothing to compare yet">A workflow needs two published versions to compare them.</Empty>
      </>
    );
  }
  const b = search.b ?? current.latest_version;
  const a = search.a ?? Math.max(1, b - 1);
  return (
    <>
      {header}
      <VersionPickers id={id} versions={versions.data.versions} a={a} b={b} />
      <Comparison workflow={current} a={a} b={b} />
    </>
  );
}

function VersionPickers({ id, versions, a, b }: { id: string; versions: VersionSummary[]; a: number; b: number }) {
  const navigate = useNavigate();
  const pick = (which: 'a' | 'b', version: number) => void navigate({ to: '/workflows/$id/compare', params: { id }, search: which === 'a' ? { a: version, b } : { a, b: version } });
  const options = versions.map((version) => (
    <option key={version.version} value={version.version}>
      Version {version.version}
      {version.annotation === null ? '' : `: ${version.annotation}`}
    </option>
  ));
  return (
    <form className="card compare-pickers" onSubmit={(event) => event.preventDefault()}>
      <label>
        <span>Compare</span>
        <select value={a} onChange={(event) => pick('a', Number(event.target.value))} aria-label="The older version">
          {options}
        </select>
      </label>
      <label>
        <span>with</span>
        <select value={b} onChange={(event) => pick('b', Number(event.target.value))} aria-label="The newer version">
          {options}
        </select>
      </label>
    </form>
  );
}

function Comparison({ workflow, a, b }: { workflow: WorkflowDetail; a: number; b: number }) {
  const before = useQuery(versionQuery(workflow.id, a));
  const after = useQuery(versionQuery(workflow.id, b));
  if (before.isPending || after.isPending) return <Loading label="Loading the two definitions…" />;
  if (before.isError) return <ErrorState error={before.error} retry={() => void before.refetch()} />;
  if (after.isError) return <ErrorState error={after.error} retry={() => void after.refetch()} />;
  return <Compared workflow={workflow} before={before.data.version} after={after.data.version} />;
}

function Compared({ workflow, before, after }: { workflow: WorkflowDetail; before: Version; after: Version }) {
  const lines = useMemo(() => lineDiff(stringify(before.definition, { lineWidth: 0 }), stringify(after.definition, { lineWidth: 0 })), [before, after]);
  const changes = useMemo(() => stepChanges(before.definition, after.definition), [before, after]);
  const added = lines.filter((line) => line.kind === 'added').length;
  const removed = lines.filter((line) => line.kind === 'removed').length;
  return (
    <>
      <p className="compare-summary" role="status">
        {before.hash === after.hash ? `Versions ${before.version} and ${after.version} have the same definition.` : `${stepWords(changes.after, changes.before)}; ${added} ${added === 1 ? 'line' : 'lines'} added, ${removed} removed.`}
      </p>
      <div className="compare-graphs">
        <VersionGraphCard workflow={workflow} version={before} changes={changes.before} />
        <VersionGraphCard workflow={workflow} version={after} changes={changes.after} />
      </div>
      <ul className="graph-legend compare-legend" aria-label="Legend">
        <li>
          <span className="swatch change-added" /> Added in version {after.version}
        </li>
        <li>
          <span className="swatch change-removed" /> Removed from version {before.version}
        </li>
        <li>
          <span className="swatch change-changed" /> Changed
        </li>
      </ul>
      <section className="card" aria-labelledby="diff-title">
        <h2 id="diff-title">
          Definition: version {before.version} → version {after.version}
        </h2>
        <YamlDiffView lines={lines} label={`Line diff of version ${before.version} and version ${after.version}`} />
      </section>
    </>
  );
}

function VersionGraphCard({ workflow, version, changes }: { workflow: WorkflowDetail; version: Version; changes: ReadonlyMap<string, StepChange> }) {
  const me = useMe();
  const graph = useQuery(workflowGraphQuery(workflow.id, version.version));
  const titleId = `graph-title-${version.version}`;
  return (
    <section className="card compare-graph" aria-labelledby={titleId}>
      <div className="compare-graph-head">
        <h2 id={titleId}>
          Version {version.version} {version.version === workflow.active_version && <span className="badge good">Active</span>}
        </h2>
        {can(me, 'workflows.write') && version.version !== workflow.latest_version && <RollbackAction workflow={workflow} version={version.version} annotation={version.annotation} />}
      </div>
      <p className="small muted compare-graph-meta" title={version.annotation ?? undefined}>
        {formatDateTime(version.created_at)}
        {version.annotation !== null && <> · {version.annotation}</>}
      </p>
      {graph.isPending ? (
        <Loading label="Loading the graph…" />
      ) : graph.isError ? (
        <ErrorState error={graph.error} retry={() => void graph.refetch()} />
      ) : (
        <Suspense fallback={<Loading label="Drawing the graph…" />}>
          <RunGraph graph={graph.data} changes={changes} label={`Graph of version ${version.version}: ${graph.data.nodes.length} steps, ${changes.size} marked as changed`} />
        </Suspense>
      )}
    </section>
  );
}

function stepWords(after: ReadonlyMap<string, StepChange>, before: ReadonlyMap<string, StepChange>): string {
  const count = (changes: ReadonlyMap<string, StepChange>, change: StepChange) => [...changes.values()].filter((value) => value === change).length;
  const steps = (number: number) => `${number} ${number === 1 ? 'step' : 'steps'}`;
  const parts = [
    [count(after, 'added'), 'added'],
    [count(before, 'removed'), 'removed'],
    [count(after, 'changed'), 'changed'],
  ] as const;
  const said = parts.filter(([number]) => number > 0).map(([number, word]) => `${steps(number)} ${word}`);
  return said.length === 0 ? 'No step changed' : said.join(', ');
}
