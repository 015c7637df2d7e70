/**
 * Which audit entries a listing or an export selects. Every value is bound as
 * a query parameter (never spliced into SQL), so any text is safe to filter by.
 */
import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { Database } from './database-schema.ts';

export interface AuditFilter {
  /** The actor's id: a person's email, a run id, or a system part's name. */
  actor?: string;
  /** Any of these actions. */
  actions?: readonly string[];
  /** The target's type (`workflow`, `run`, `user`...). */
  targetType?: string;
  /** The target's id; with or without `targetType`. */
  targetId?: string;
  serviceId?: string;
  offeringId?: string;
  /** At or after this time. */
  from?: Date;
  /** Before this time. */
  to?: Date;
}

/** `select ... from audit_entries where <filter>`, the columns still to choose. */
export function auditFilterQuery(db: Kysely<Database>, filter: AuditFilter): SelectQueryBuilder<Database, 'audit_entries', object> {
  let query = db.selectFrom('audit_entries');
  if (filter.actor !== undefined) query = query.where('actor_id', '=', filter.actor);
  if (filter.actions !== undefined && filter.actions.length > 0) query = query.where('action', 'in', [...filter.actions]);
  if (filter.targetType !== undefined) query = query.where('target_type', '=', filter.targetType);
  if (filter.targetId !== undefined) query = query.where('target_id', '=', filter.targetId);
  if (filter.serviceId !== undefined) query = query.where('service_id', '=', filter.serviceId);
  if (filter.offeringId !== undefined) query = query.where('offering_id', '=', filter.offeringId);
  if (filter.from !== undefined) query = query.where('at', '>=', filter.from.getTime());
  if (filter.to !== undefined) query = query.where('at', '<', filter.to.getTime());
  return query;
}
