/**
 * An audit entry: who did what to which object, with its before and after.
 * Entries form a hash chain: each carries the hash of the one before it and
 * the hash of its own content plus that link, so an edited, deleted, inserted
 * or reordered entry breaks the chain at that point (audit verify).
 */
import type { JsonValue } from './json.ts';

/** What was done. Dotted: `<object>.<verb>`. */
export const AUDIT_ACTIONS = [
  'login.succeeded',
  'login.failed',
  'logout',
  'definition.applied',
  'workflow.draft_saved',
  'workflow.published',
  'workflow.status_changed',
  'connector.changed',
  'connector.secret_set',
  'secrets.rotated',
  'user.created',
  'user.updated',
  'api_key.created',
  'api_key.revoked',
  'team.changed',
  'saved_view.created',
  'saved_view.changed',
  'saved_view.deleted',
  'approval.decided',
  'approval.delegated',
  'money.moved',
  'money.refused',
  'money.outcome_unknown',
  'run.started',
  'run.cancelled',
  'run.retried',
  'request.submitted',
  'events.recovered',
  'audit.purged',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export function isAuditAction(value: string): value is AuditAction {
  return (AUDIT_ACTIONS as readonly string[]).includes(value);
}

/**
 * Who did it: a person (by email), through a session or an API key (`via`
 * names the key's id), a run (the engine acting for a workflow), or Tollgate
 * itself (`system`: the scheduler, a CLI command run on the server's machine).
 */
export interface AuditActor {
  type: 'user' | 'run' | 'system';
  /** The person's email, the run's id, or the system part's name. */
  id: string;
  /** How: `session`, `api_key:<key id>`, `cli`; absent when it says nothing more. */
  via?: string;
}

/** The object acted on: `workflow` / `customer-refund`, `run` / `run_…`, `user` / `fran@example.com`. */
export interface AuditTarget {
  type: string;
  id: string;
}

export interface AuditEntryInput {
  actor: AuditActor;
  action: AuditAction;
  target: AuditTarget;
  /** The catalog service and offering the change belongs to, when it belongs to a request. */
  serviceId?: string | null;
  offeringId?: string | null;
  /** What else an auditor needs: `before` and `after`, amounts, ids, the values an approver saw. Never a secret. */
  detail?: Record<string, JsonValue>;
  at: Date;
}

export interface AuditEntry extends Omit<AuditEntryInput, 'detail' | 'serviceId' | 'offeringId'> {
  /** Position in the trail: 1, 2, 3, ... without gaps. */
  seq: number;
  serviceId: string | null;
  offeringId: string | null;
  detail: Record<string, JsonValue>;
  /** The hash of the entry before (GENESIS_HASH for the first). */
  prevHash: string;
  /** SHA-256 over this entry's content and `prevHash`. */
  hash: string;
}

/** The `prevHash` of the first entry of a trail. */
export const GENESIS_HASH = '0'.repeat(64);
