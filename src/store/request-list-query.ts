/**
 * The requests listing as one query: newest first by submission (the later id
 * first on a tie), LIMIT in SQL, every shape read through an index in that
 * order (migration 0028), so it stops at the limit however many requests
 * there are; a submitted-time window is a range of the same index.
 */
import type { Kysely } from 'kysely';
import type { RequestStatus } from '../core/statuses.ts';
import type { Database } from './database-schema.ts';

/** Where a page of the listing starts: just after (older than) this request, in the listing's order. */
export interface RequestListPosition {
  /** The request's submission time (ms). */
  createdAt: number;
  id: string;
}

/** Which requests `RequestStore.list` reads. */
export interface RequestFilter {
  requester?: string;
  status?: RequestStatus;
  /** Requests for an offering of this service (its id). */
  serviceId?: string;
  /** Requests for an offering with this id (in any service, unless `serviceId` names one). */
  offeringId?: string;
  /** Requests submitted at or after this time. */
  createdAfter?: Date;
  /** Requests submitted before this time. */
  createdBefore?: Date;
  /** Only the requests after this one: the next page. */
  after?: RequestListPosition;
  limit: number;
}

/**
 * The query `RequestStore.list` runs (the tests EXPLAIN it): index requests_by_requester with a requester,
 * else requests_by_created. A page after a request compares (created_at, id) as one row value, which the
 * index answers in its order.
 */
export function requestPageQuery(db: Kysely<Database>, filter: RequestFilter) {
  const { requester, status, serviceId, offeringId, createdAfter, createdBefore, after } = filter;
  let query = db.selectFrom('requests').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc');
  if (requester !== undefined) query = query.where('requester', '=', requester);
  if (status !== undefined) query = query.where('status', '=', status);
  if (serviceId !== undefined) query = query.where('service_id', '=', serviceId);
  if (offeringId !== undefined) query = query.where('offering_id', '=', offeringId);
  if (createdAfter !== undefined) query = query.where('created_at', '>=', createdAfter.getTime());
  if (createdBefore !== undefined) query = query.where('created_at', '<', createdBefore.getTime());
  if (after !== undefined) query = query.where((eb) => eb(eb.refTuple('created_at', 'id'), '<', eb.tuple(after.createdAt, after.id)));
  return query.limit(filter.limit);
}
