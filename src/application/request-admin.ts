/** Listing, inspecting and cancelling catalog requests. */
import { offeringsOf } from '../catalog/offering.ts';
import { RequestStatus } from '../core/statuses.ts';
import { ConflictError, InvalidInputError, NotFoundError, TollgateError } from '../core/errors.ts';
import type { Field } from '../definition/schema.ts';
import type { ApprovalTaskRecord } from '../store/approval-records.ts';
import type { RunRecord } from '../store/records.ts';
import type { RequestListPosition } from '../store/request-list-query.ts';
import type { RequestRecord } from '../store/request-store.ts';
import type { AppContext } from './app-context.ts';
import { checkTimeWindow } from './time-window-check.ts';
import { DEFAULT_REQUEST_PAGE, MAX_REQUEST_PAGE } from './request-page.ts';

export interface RequestPage {
  requests: RequestRecord[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

/**
 * Requests, newest first: one requester's (what requesters see), or all; optionally in one status, of one service,
 * for one offering, and submitted in a window (`createdAfter` included, `createdBefore` not).
 */
export async function listRequests(
  app: AppContext,
  filter: { requester?: string; status?: RequestStatus; service?: string; offering?: string; createdAfter?: Date; createdBefore?: Date; limit?: number; cursor?: string },
): Promise<RequestPage> {
  const limit = filter.limit ?? DEFAULT_REQUEST_PAGE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_REQUEST_PAGE) {
    throw new InvalidInputError('request_invalid', `limit ${limit} is out of range; give a whole number from 1 to ${MAX_REQUEST_PAGE}`, [], { path: 'limit' });
  }
  checkTimeWindow(filter.createdAfter, filter.createdBefore, { start: 'created_after', end: 'created_before' });
  const { createdAfter, createdBefore } = filter;
  return app.requests.list({
    limit,
    ...(filter.requester === undefined ? {} : { requester: filter.requester.trim().toLowerCase() }),
    ...(filter.status === undefined ? {} : { status: filter.status }),
    ...(filter.service === undefined ? {} : { serviceId: filter.service }),
    ...(filter.offering === undefined ? {} : { offeringId: filter.offering }),
    ...(createdAfter === undefined ? {} : { createdAfter }),
    ...(createdBefore === undefined ? {} : { createdBefore }),
    ...(filter.cursor === undefined ? {} : { after: await cursorPosition(app, filter.cursor) }),
  });
}

/** Where the page after `cursor` (the last request of the page before, as `nextCursor` gave it) starts. */
async function cursorPosition(app: AppContext, cursor: string): Promise<RequestListPosition> {
  const request = await app.requests.get(cursor);
  if (request === undefined) {
    throw new InvalidInputError('request_invalid', `cursor "${cursor}" is not one this API gave; pass the next_cursor of the previous page`, [], { path: 'cursor' });
  }
  return { createdAt: request.createdAt.getTime(), id: request.id };
}

export interface RequestDetail {
  request: RequestRecord;
  run: RunRecord;
  /** The approval tasks of its run still waiting for a decision. */
  pendingApprovals: ApprovalTaskRecord[];
  /** The offering's title now; null when its service no longer has it (removed since: the request goes on all the same). */
  offeringTitle: string | null;
  /** The fields of the form the request was submitted with: the form trigger of the workflow version it runs. */
  form: Field[];
}

/** A request with its run (status, outcome), its pending approval tasks, and what names its values. */
export async function requestDetail(app: AppContext, id: string): Promise<RequestDetail> {
  const request = await app.requests.require(id);
  const run = await app.engine.store.getRun(request.runId);
  if (!run) throw new NotFoundError('run_not_found', `request ${id} points at run ${request.runId}, which does not exist`, { path: 'run' });
  const [pendingApprovals, services, definition] = await Promise.all([
    app.approvals.list({ runId: run.id, status: 'pending', limit: 100 }),
    app.engine.store.listServices(),
    // A version this build cannot read leaves the values unnamed rather than the request unreadable.
    app.engine.definitions.get(request.workflowId, request.version).catch((error: unknown) => {
      if (error instanceof TollgateError) return undefined;
      throw error;
    }),
  ]);
  const service = services.find((item) => item.id === request.serviceId);
  const offering = service === undefined ? undefined : offeringsOf(service).find((item) => item.id === request.offeringId);
  const form = definition?.trigger.type === 'form' ? definition.trigger.form : [];
  return { request, run, pendingApprovals, offeringTitle: offering?.title ?? null, form };
}

/**
 * Cancels an open request by cancelling its run (which closes the request as
 * `cancelled` and its pending approval tasks in the same transaction).
 * @throws ConflictError `request_closed` when it already ended.
 */
export async function cancelRequest(app: AppContext, id: string): Promise<RequestDetail> {
  const request = await app.requests.require(id);
  if (request.status !== RequestStatus.open) {
    throw new ConflictError('request_closed', `request ${id} is already ${request.status}; only an open request can be cancelled`, { path: 'request' });
  }
  await app.engine.store.cancelRun({ id: request.runId, now: app.engine.clock.now() });
  return requestDetail(app, id);
}
