import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../application/app-context.ts';
import { cancelRequest, listRequests, requestDetail, type RequestDetail } from '../../application/request-admin.ts';
import { workflowTitles } from '../../application/workflow-titles.ts';
import { ForbiddenError } from '../../core/errors.ts';
import type { RequestRecord } from '../../store/request-store.ts';
import { defineRoute, type ApiRoute } from '../api-route.ts';
import { serializeApprovalTask } from '../approval-serializers.ts';
import { actingEmail, authenticatedCaller, authRequired, seesOnlyOwnRequests } from '../caller-email.ts';
import { requestDetailResponseSchema, requestListQuery, requestListResponseSchema, requestParams } from '../catalog-schemas.ts';
import { serializeRequest } from '../catalog-serializers.ts';
import { runNamer } from '../run-namer.ts';

/** Catalog requests: "my requests", one request with its run and pending approvals, cancelling. */
export function requestRoutes(app: AppContext): ApiRoute[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/v1/requests',
      operationId: 'listRequests',
      permission: 'requests.submit',
      summary: 'List requests, newest first; `mine=true` for your own',
      description:
        'Callers who are only requesters always see their own requests. While authentication is off, `mine=true` takes `as` (your email); otherwise it means the caller. ' +
        '`created_after` (included) and `created_before` (not) keep the requests submitted in that window, as `GET /runs` does with when runs started.',
      tag: 'requests',
      query: requestListQuery,
      status: 200,
      response: { description: 'A page of requests', schema: requestListResponseSchema },
      async handle({ query, request }) {
        const own = query.mine === true || seesOnlyOwnRequests(authenticatedCaller(request));
        const requester = own ? actingEmail(request, query.as, { field: 'as', authRequired: authRequired(app) }) : query.requester;
        const page = await listRequests(app, {
          limit: query.limit,
          ...(requester === undefined ? {} : { requester }),
          ...(query.status === undefined ? {} : { status: query.status }),
          ...(query.service === undefined ? {} : { service: query.service }),
          ...(query.offering === undefined ? {} : { offering: query.offering }),
          ...(query.created_after === undefined ? {} : { createdAfter: query.created_after }),
          ...(query.created_before === undefined ? {} : { createdBefore: query.created_before }),
          ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
        });
        return { requests: page.requests.map(serializeRequest), next_cursor: page.nextCursor };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/requests/:id',
      operationId: 'getRequest',
      permission: 'requests.submit',
      summary: 'One request: its status and outcome, its run, and its pending approval tasks',
      tag: 'requests',
      params: requestParams,
      status: 200,
      response: { description: 'The request', schema: requestDetailResponseSchema },
      errors: [404],
      async handle({ params, request }) {
        const detail = await requestDetail(app, params.id);
        refuseOthersRequest(request, detail.request);
        return detailBody(app, detail);
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/requests/:id/cancel',
      operationId: 'cancelRequest',
      idempotent: true,
      permission: 'requests.submit',
      summary: 'Cancel an open request: its run is cancelled and its pending approval tasks with it',
      tag: 'requests',
      params: requestParams,
      status: 200,
      response: { description: 'The cancelled request', schema: requestDetailResponseSchema },
      errors: [404, 409],
      async handle({ params, request }) {
        refuseOthersRequest(request, await app.requests.require(params.id));
        return detailBody(app, await cancelRequest(app, params.id));
      },
    }),
  ];
}

async function detailBody(app: AppContext, detail: RequestDetail) {
  const [workflowTitle, run] = await Promise.all([
    workflowTitles(app, detail.pendingApprovals.map((task) => task.workflowId)),
    runNamer(app, [detail.run]).then((named) => named(detail.run)),
  ]);
  return {
    request: serializeRequest(detail.request),
    run,
    pending_approvals: detail.pendingApprovals.map((task) => serializeApprovalTask(task, workflowTitle)),
    offering_title: detail.offeringTitle,
    form: detail.form,
  };
}

/** A caller who is only a requester reaches their own requests only. */
export function refuseOthersRequest(request: FastifyRequest, record: RequestRecord): void {
  const caller = authenticatedCaller(request);
  if (caller !== undefined && seesOnlyOwnRequests(caller) && caller.email !== record.requester) {
    throw new ForbiddenError('not_your_request', `request ${record.id} was submitted by someone else; requesters see and cancel their own requests only`, { path: 'id' });
  }
}
