import type { AppContext } from '../../application/app-context.ts';
import { approvalViewer, decidabilityOf } from '../../application/approval-list-authority.ts';
import { approvalDetail, decideApprovalTask, delegateApprovals, listApprovals, type ApprovalDetail } from '../../application/approval-inbox.ts';
import { namedWorkflow, workflowTitles } from '../../application/workflow-titles.ts';
import { defineRoute, type ApiRoute } from '../api-route.ts';
import {
  approvalDetailResponseSchema,
  approvalListQuery,
  approvalListResponseSchema,
  approvalParams,
  decideBody,
  delegationBody,
} from '../approval-schemas.ts';
import { delegationResponseSchema } from '../approval-review-schemas.ts';
import { serializeApprovalDecision, serializeApprovalListItem, serializeApprovalTask, serializeDelegation } from '../approval-serializers.ts';
import { actingEmail, authenticatedCaller, authRequired } from '../caller-email.ts';

/** The approvals inbox: tasks, decisions, delegation while away. */
export function approvalRoutes(app: AppContext): ApiRoute[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/v1/approvals',
      operationId: 'listApprovals',
      permission: 'approvals.read',
      summary: 'List approval tasks, newest first, a page at a time; `status=pending&mine=true` is your inbox',
      description:
        'While authentication is off, `mine=true` takes `as` (your email); otherwise it means the caller. ' +
        'Each task says whether the caller can decide it (`can_decide`), and if a rule keeps them from it, which (`cannot_decide_code`) and why in their words (`cannot_decide_note`): the web app shows those apart, as waiting on someone else. ' +
        '`team` and `workflow` keep one team\'s or one workflow\'s tasks (`filtered_workflow` names the latter by its title); `next_cursor` gives the next page.',
      tag: 'approvals',
      query: approvalListQuery,
      status: 200,
      response: { description: 'Approval tasks', schema: approvalListResponseSchema },
      async handle({ query, request }) {
        const known = query.mine === true || query.as !== undefined || authenticatedCaller(request) !== undefined;
        const viewer = known ? await approvalViewer(app, actingEmail(request, query.as, { field: 'as', authRequired: authRequired(app) })) : undefined;
        const page = await listApprovals(app, {
          limit: query.limit,
          ...(query.status === undefined ? {} : { status: query.status }),
          ...(query.mine === true && viewer !== undefined ? { approver: viewer } : {}),
          ...(query.team === undefined ? {} : { team: query.team }),
          ...(query.workflow === undefined ? {} : { workflow: query.workflow }),
          ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
        });
        const [decidability, workflowTitle, filteredWorkflow] = await Promise.all([
          decidabilityOf(app, page.tasks, viewer),
          workflowTitles(app, page.tasks.map((task) => task.workflowId)),
          query.workflow === undefined ? undefined : namedWorkflow(app, query.workflow),
        ]);
        return {
          approvals: page.tasks.map((task) => serializeApprovalListItem(task, decidability(task), workflowTitle)),
          next_cursor: page.nextCursor,
          filtered_workflow: filteredWorkflow ?? null,
        };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/approvals/:id',
      operationId: 'getApproval',
      permission: 'approvals.read',
      summary: 'One approval task with every decision made on it',
      tag: 'approvals',
      params: approvalParams,
      status: 200,
      response: { description: 'The task and its decisions', schema: approvalDetailResponseSchema },
      errors: [404],
      async handle({ params }) {
        return detailBody(app, await approvalDetail(app, params.id));
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/approvals/:id/decide',
      operationId: 'decideApproval',
      idempotent: true,
      permission: 'approvals.decide',
      summary: 'Approve or reject an approval task',
      description:
        'Only the task\'s approvers decide (or their delegates): anyone else gets 403 `not_an_approver`, naming who may decide. ' +
        'The requester never decides their own request: 403 `separation_of_duties`. A rejection may need a `comment` (400 `comment_required`). ' +
        'The decider is the authenticated caller; while authentication is off, give `by` (an email; it wins over any credentials sent).',
      tag: 'approvals',
      params: approvalParams,
      body: decideBody,
      status: 200,
      response: { description: 'The task after the decision (still pending until its quorum is met)', schema: approvalDetailResponseSchema },
      errors: [404, 409],
      async handle({ params, body, request }) {
        const by = actingEmail(request, body.by, { field: 'by', authRequired: authRequired(app) });
        return detailBody(app, await decideApprovalTask(app, { taskId: params.id, by, decision: body.decision, comment: body.comment, values: body.values }, request.caller));
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/approvals/delegations',
      operationId: 'delegateApprovals',
      idempotent: true,
      permission: 'approvals.decide',
      summary: 'Let someone decide your approval tasks while you are away',
      description: 'The person delegating is the authenticated caller; while authentication is off, give `by` (an email).',
      tag: 'approvals',
      body: delegationBody,
      status: 201,
      response: { description: 'The delegation', schema: delegationResponseSchema },
      async handle({ body, request }) {
        const user = actingEmail(request, body.by, { field: 'by', authRequired: authRequired(app) });
        const delegation = await delegateApprovals(app, { user, delegate: body.delegate, startsAt: body.starts_at, endsAt: body.ends_at }, request.caller);
        return { delegation: serializeDelegation(delegation) };
      },
    }),
  ];
}

async function detailBody(app: AppContext, detail: ApprovalDetail) {
  return { approval: serializeApprovalTask(detail.task, await workflowTitles(app, [detail.task.workflowId])), decisions: detail.decisions.map(serializeApprovalDecision) };
}
