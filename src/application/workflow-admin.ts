import { NotFoundError } from '../core/errors.ts';
import { WorkflowStatus } from '../core/statuses.ts';
import type { WorkflowDocument } from '../definition/schema.ts';
import type { VersionRecord, WorkflowRecord } from '../store/records.ts';
import { scheduleSpec } from '../triggers/schedule-trigger.ts';
import type { AuditActor } from '../core/audit-entry.ts';
import { CLI_ACTOR } from '../identity/audit-actor.ts';
import type { AppContext } from './app-context.ts';
import { publishedEntry, statusChangedEntry } from './definition-audit.ts';

export async function requireWorkflow(app: AppContext, id: string): Promise<WorkflowRecord> {
  const workflow = await app.engine.store.getWorkflow(id);
  if (!workflow) throw new NotFoundError('workflow_not_found', `no workflow "${id}"; list them with GET /api/v1/workflows or \`tollgate workflows list\``, { path: 'workflow' });
  return workflow;
}

/** Publishes the draft as a new version with an annotation; `fromVersion` re-publishes an old version (rollback). `actor`: who, for the audit trail. */
export async function publishWorkflow(app: AppContext, input: { id: string; annotation?: string; fromVersion?: number; activate?: boolean; actor?: AuditActor; /** Who publishes (an email); null when authentication is off. */ publishedBy?: string | null }): Promise<VersionRecord> {
  const actor = input.actor ?? CLI_ACTOR;
  const { store, clock } = app.engine;
  const workflow = await requireWorkflow(app, input.id);
  const now = clock.now();
  if (input.fromVersion !== undefined) {
    const old = await store.getVersion(input.id, input.fromVersion);
    if (!old) throw new NotFoundError('version_not_found', `workflow "${input.id}" has no version ${input.fromVersion}`, { path: 'from_version' });
    const audit = { actor, action: 'workflow.draft_saved', target: { type: 'workflow', id: workflow.id }, detail: { before: workflow.draftHash, after: old.hash, from_version: old.version }, at: now } as const;
    await store.saveDraft({ id: workflow.id, title: workflow.title, definition: old.definition, hash: old.hash, triggerType: workflow.triggerType ?? 'manual', now, audit });
  }
  const fresh = await requireWorkflow(app, input.id);
  const definition = fresh.draft as WorkflowDocument;
  const annotation = input.annotation ?? (input.fromVersion !== undefined ? `rollback to version ${input.fromVersion}` : null);
  return store.publish({
    id: input.id,
    annotation,
    activate: input.activate ?? false,
    now,
    schedule: scheduleSpec(definition.trigger, now),
    publishedBy: input.publishedBy ?? null,
    audit: (published) => publishedEntry(actor, published, now),
  });
}

export async function setWorkflowStatus(app: AppContext, input: { id: string; status: WorkflowStatus; actor?: AuditActor }): Promise<WorkflowRecord> {
  const { store, clock } = app.engine;
  const workflow = await requireWorkflow(app, input.id);
  const now = clock.now();
  let schedule = null;
  if (input.status === WorkflowStatus.active && workflow.latestVersion > 0) {
    const version = await store.getVersion(workflow.id, workflow.activeVersion ?? workflow.latestVersion);
    schedule = version ? scheduleSpec(version.definition.trigger, now) : null;
  }
  const actor = input.actor ?? CLI_ACTOR;
  const updated = await store.setWorkflowStatus({ id: input.id, status: input.status, now, schedule, audit: (change) => statusChangedEntry(actor, change, now) });
  return updated;
}
