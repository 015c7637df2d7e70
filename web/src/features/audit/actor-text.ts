import type { AuditEntry } from './audit-types.ts';

/** A person by email; a run or Tollgate itself named as such (`run run_…`, `Tollgate (cli)`). */
export function actorText(actor: AuditEntry['actor']): string {
  if (actor.type === 'user') return actor.id;
  return actor.type === 'run' ? `run ${actor.id}` : `Tollgate (${actor.id})`;
}
