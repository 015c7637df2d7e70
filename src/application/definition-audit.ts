/** The audit entries of workflow and definition changes: applied documents, publishes, status changes. */
import type { AuditActor, AuditEntryInput } from '../core/audit-entry.ts';
import { auditJson } from '../core/audit-detail.ts';
import type { Document } from '../definition/schema.ts';
import type { VersionRecord, WorkflowRecord } from '../store/records.ts';

/**
 * A document created or updated by an apply, with what it was and is now:
 * hashes for workflows and services, the team or the connector (secrets masked) itself.
 */
export function appliedEntry(input: {
  actor: AuditActor;
  kind: Document['kind'];
  id: string;
  action: 'created' | 'updated';
  before: unknown;
  after: unknown;
  at: Date;
  version?: number;
}): AuditEntryInput {
  return {
    actor: input.actor,
    action: 'definition.applied',
    target: { type: input.kind.toLowerCase(), id: input.id },
    detail: { kind: input.kind, change: input.action, before: auditJson(input.before), after: auditJson(input.after), ...(input.version === undefined ? {} : { version: input.version }) },
    at: input.at,
  };
}

export function publishedEntry(actor: AuditActor, published: VersionRecord, at: Date): AuditEntryInput {
  return {
    actor,
    action: 'workflow.published',
    target: { type: 'workflow', id: published.workflowId },
    detail: { version: published.version, annotation: published.annotation, hash: published.hash },
    at,
  };
}

export function statusChangedEntry(actor: AuditActor, change: { before: WorkflowRecord; after: WorkflowRecord }, at: Date): AuditEntryInput {
  return {
    actor,
    action: 'workflow.status_changed',
    target: { type: 'workflow', id: change.after.id },
    detail: { before: change.before.status, after: change.after.status, active_version: change.after.activeVersion },
    at,
  };
}
