import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { asApiError } from '../../api/api-error.ts';
import type { WorkflowDetail } from '../../api/types.ts';
import { PageHeader } from '../../ui/page-header.tsx';
import { ErrorState, Loading } from '../../ui/states.tsx';
import { StatusBadge } from '../../ui/status-badge.tsx';
import { versionsQuery, workflowQuery } from '../workflows/workflow-queries.ts';
import type { PreviewHighlight } from './builder-types.ts';
import { BuilderCanvas } from './canvas/builder-canvas.tsx';
import { StepPalette } from './canvas/step-palette.tsx';
import { readLocalDraft, type LocalDraft } from './local-draft.ts';
import { addStep } from './model/draft-edits.ts';
import { stepsOf, TRIGGER_NODE, type Draft } from './model/draft-steps.ts';
import { issuesByNode } from './model/issue-keys.ts';
import { NodePanel } from './node-panel.tsx';
import { PreviewPanel } from './preview/preview-panel.tsx';
import { PublishDialog } from './publish-dialog.tsx';
import { SaveStateWords } from './save-state-words.tsx';
import { useDraftSync } from './use-draft-sync.ts';
import { YamlEditor } from './yaml/yaml-editor.tsx';

const route = getRouteApi('/app/workflows/$id/edit');

/** `/workflows/$id/edit`: the workflow's draft (or a new one kept in this browser until it first saves). */
export function BuilderPage() {
  const { id } = route.useParams();
  const workflow = useQuery({ ...workflowQuery(id), retry: false });
  // The editor, once open, stays mounted: the first save of a new workflow refetches its query, which
  // goes back to pending (it had no data); a Loading in between would drop the selection, focus and typing.
  const [opened, setOpened] = useState<{ id: string; workflow: WorkflowDetail | null } | null>(null);
  const missing = workflow.isError && asApiError(workflow.error).status === 404 && readLocalDraft(id) !== null;
  const current = workflow.isSuccess ? workflow.data.workflow : missing ? null : undefined;
  if (current !== undefined && (opened?.id !== id || opened.workflow !== current)) setOpened({ id, workflow: current });
  const shown = current !== undefined ? current : opened?.id === id ? opened.workflow : undefined;
  if (shown !== undefined) return <BuilderEditor key={id} id={id} workflow={shown} local={readLocalDraft(id)} />;
  if (workflow.isError) return <ErrorState error={workflow.error} retry={() => void workflow.refetch()} />;
  return <Loading label="Loading the draft…" />;
}

function BuilderEditor({ id, workflow, local }: { id: string; workflow: WorkflowDetail | null; local: LocalDraft | null }) {
  const serverDraft = workflow === null ? null : JSON.stringify(workflow.draft);
  const restored = local !== null && JSON.stringify(local.definition) !== serverDraft ? local : null;
  // A workflow just named on the New workflow page has nothing of the person's to restore yet.
  const fresh = workflow === null && restored !== null && restored.definition.trigger === undefined && stepsOf(restored.definition.steps).length === 0;
  const [definition, setDefinition] = useState<Draft>(() => restored?.definition ?? (workflow?.draft as Draft | undefined) ?? { kind: 'Workflow', id });
  const [selected, setSelected] = useState<string | null>(null);
  const [positions, setPositions] = useState<Record<string, { x: number; y: number }>>({});
  const [highlight, setHighlight] = useState<PreviewHighlight | null>(null);
  const [notice, setNotice] = useState<string | null>(restored === null || fresh ? null : 'Your unsaved changes were restored from this browser.');
  const [tab, setTab] = useState<'canvas' | 'yaml'>('canvas');
  // Once opened, the YAML tab stays mounted (hidden on the canvas) so text that does not parse yet survives a look at the graph.
  const [yamlOpened, setYamlOpened] = useState(false);
  const [publishing, setPublishing] = useState(false);
  const [published, setPublished] = useState<number | null>(null);
  const sync = useDraftSync({ workflowId: id, definition, serverDraft });
  const byNode = useMemo(() => issuesByNode(definition, sync.issues), [definition, sync.issues]);
  const onServer = workflow !== null || sync.state.kind === 'saved';
  const canPublish = onServer && (sync.state.kind === 'saved' || sync.state.kind === 'unchanged');
  const documentIssues = byNode.get(null) ?? [];
  const title = typeof definition.title === 'string' && definition.title !== '' ? definition.title : id;

  const change = (next: Draft): void => {
    setDefinition(next);
    setPublished(null);
  };

  return (
    <div className="builder-page">
      <PageHeader
        title={title}
        subtitle={
          <span className="builder-status">
            <StatusBadge status={workflow?.status ?? 'draft'} />
            <VersionWords id={id} workflow={workflow} published={published} edited={sync.state.kind !== 'unchanged'} />
            <SaveStateWords state={sync.state} onServer={onServer} />
          </span>
        }
        actions={
          <>
            {workflow !== null && (
              <Link to="/workflows/$id" params={{ id }} className="button">
                Back to the workflow
              </Link>
            )}
            <button type="button" className="button primary" disabled={!canPublish} onClick={() => setPublishing(true)} title={canPublish ? undefined : 'Publish once the draft is valid and saved'}>
              Publish
            </button>
          </>
        }
      />
      <PublishDialog workflowId={id} open={publishing} onClose={() => setPublishing(false)} onPublished={(version) => { setPublishing(false); setPublished(version); }} />
      {notice !== null && (
        <p className="notice builder-notice" role="status">
          {notice}{' '}
          <button type="button" className="button subtle" onClick={() => setNotice(null)}>
            Dismiss
          </button>
        </p>
      )}
      {documentIssues.length > 0 && (
        <ul className="form-error builder-document-issues" aria-label="Problems with the workflow">
          {documentIssues.map((issue, index) => (
            <li key={index}>
              {issue.path === '' ? '' : `${issue.path}: `}
              {issue.message}
            </li>
          ))}
        </ul>
      )}
      <div className="tabs" role="tablist" aria-label="Builder views">
        {(['canvas', 'yaml'] as const).map((name) => (
          <button key={name} type="button" role="tab" aria-selected={tab === name} className={`tab${tab === name ? ' active' : ''}`} onClick={() => { setTab(name); if (name === 'yaml') setYamlOpened(true); }}>
            {name === 'canvas' ? 'Canvas' : 'YAML'}
          </button>
        ))}
      </div>
      {(tab === 'yaml' || yamlOpened) && (
        <div hidden={tab !== 'yaml'}>
          <YamlEditor definition={definition} onChange={change} issues={sync.issues} />
        </div>
      )}
      {tab === 'canvas' && (
        <div className="builder-workspace">
          <div className="builder-main">
            <div className="builder-toolbar">
              <StepPalette
                draft={definition}
                selected={selected}
                onAdd={(type, place) => {
                  const added = addStep(definition, type, place);
                  change(added.draft);
                  setSelected(added.nodeId);
                }}
              />
              <button type="button" className="button" onClick={() => setPositions({})} disabled={Object.keys(positions).length === 0}>
                Tidy up
              </button>
            </div>
            <BuilderCanvas
              draft={definition}
              issues={byNode}
              positions={positions}
              onPositions={setPositions}
              highlight={highlight}
              selected={selected}
              onSelect={setSelected}
              onChange={change}
              onNotice={setNotice}
            />
          </div>
          <aside className="builder-side" aria-label="Selected node">
            <NodePanel draft={definition} selected={selected ?? TRIGGER_NODE} onSelect={setSelected} onChange={change} onNotice={setNotice} issues={byNode} />
            <PreviewPanel definition={definition} onPath={setHighlight} />
          </aside>
        </div>
      )}
    </div>
  );
}

/** Which version the draft is: "Published as v3" (a link) when it is the latest version, else what it builds on. */
function VersionWords({ id, workflow, published, edited }: { id: string; workflow: WorkflowDetail | null; published: number | null; edited: boolean }) {
  const versions = useQuery({ ...versionsQuery(id), enabled: workflow !== null && workflow.latest_version > 0 });
  const latest = versions.data?.versions[0];
  const asVersion = published ?? (!edited && latest !== undefined && latest.hash === workflow?.draft_hash ? latest.version : null);
  if (asVersion !== null) {
    return (
      <Link to="/workflows/$id" params={{ id }} search={{ version: asVersion }}>
        Published as v{asVersion}
      </Link>
    );
  }
  if (workflow === null || workflow.latest_version === 0) return <span className="muted">Never published</span>;
  return <span className="muted">Draft: changes since v{workflow.latest_version}</span>;
}
