import type { AppContext } from '../../application/app-context.ts';
import { endDelegation, listDelegations } from '../../application/approval-delegations.ts';
import { approvalEmails } from '../../application/approval-emails.ts';
import { approvalCharge, approvalReview } from '../../application/approval-review.ts';
import { workflowTitles } from '../../application/workflow-titles.ts';
import { defineRoute, type ApiRoute } from '../api-route.ts';
import {
  approvalChargeResponseSchema,
  approvalEmailsResponseSchema,
  approvalReviewResponseSchema,
  delegationListQuery,
  delegationListResponseSchema,
  delegationParams,
  delegationResponseSchema,
  endDelegationBody,
} from '../approval-review-schemas.ts';
import { approvalParams } from '../approval-schemas.ts';
import { serializeApprovalTask, serializeDelegation } from '../approval-serializers.ts';
import { actingEmail, authRequired } from '../caller-email.ts';
import { serializeOutboxSummary } from '../outbox-serializers.ts';

/** What an approver reviews before deciding (the request, the run so far, the next action, the charge, who was emailed), and their delegations. */
export function approvalReviewRoutes(app: AppContext): ApiRoute[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/v1/approvals/:id/review',
      operationId: 'getApprovalReview',
      permission: 'approvals.read',
      summary: "What to review before deciding a task: the request's form values, the run so far, the deadline, and the exact action an approval leads to",
      description:
        "`next_actions` follows the approval's path on the run's current values (decisions taken, later approvals assumed granted) to the first step that moves money, " +
        "with its input rendered as the engine would, e.g. `Refund 1,500.00 USD on ch_123` (the currency is the charge's, looked up in Stripe). " +
        "Read by the task's approvers and their delegates, and whoever may read its run; anyone else gets 403 `not_your_approval`.",
      tag: 'approvals',
      params: approvalParams,
      status: 200,
      response: { description: 'The task and what to review', schema: approvalReviewResponseSchema },
      errors: [404],
      async handle({ params, request }) {
        const { task, ...review } = await approvalReview(app, request.caller, params.id);
        return { approval: serializeApprovalTask(task, await workflowTitles(app, [task.workflowId])), ...review };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/approvals/:id/charge',
      operationId: 'getApprovalCharge',
      permission: 'approvals.read',
      summary: 'The Stripe charge an approval task is about, and its early fraud warnings, fetched from Stripe',
      description:
        "The charge the next money-moving step acts on (a payment intent's latest charge), else a charge id among the request's form values; " +
        'through the connector that step uses. 404 `charge_not_found` when the task names none or Stripe has none; 503 when Stripe cannot be reached. ' +
        'Read by those who may read the task (see getApprovalReview).',
      tag: 'approvals',
      params: approvalParams,
      status: 200,
      response: { description: 'The charge, whether it is disputed, and its early fraud warnings', schema: approvalChargeResponseSchema },
      errors: [404, 503],
      async handle({ params, request }) {
        return approvalCharge(app, request.caller, params.id);
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/approvals/:id/emails',
      operationId: 'listApprovalEmails',
      permission: 'approvals.read',
      summary: "The emails that told a task's approvers it waits, and whether they went out",
      description:
        'The email sent when the task opened, each reminder (the step\'s `remind_every`) and the one sent when it was escalated, as the outbox records them, `kind` saying which: `sent`, `sending` (the mail server could not take it yet; ' +
        '`next_attempt_at` says when it is tried again) or `failed` (`error` says why). Read by those who may read the task (see getApprovalReview).',
      tag: 'approvals',
      params: approvalParams,
      status: 200,
      response: { description: "The task's emails, oldest first", schema: approvalEmailsResponseSchema },
      errors: [404],
      async handle({ params, request }) {
        return { messages: (await approvalEmails(app, request.caller, params.id)).map(({ message, kind, reminder }) => ({ ...serializeOutboxSummary(message), kind, reminder })) };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/approvals/delegations',
      operationId: 'listDelegations',
      permission: 'approvals.decide',
      summary: 'The delegations you made, latest start first; `current=true` keeps those not yet ended',
      tag: 'approvals',
      query: delegationListQuery,
      status: 200,
      response: { description: 'Delegations', schema: delegationListResponseSchema },
      async handle({ query, request }) {
        const user = actingEmail(request, query.as, { field: 'as', authRequired: authRequired(app) });
        const delegations = await listDelegations(app, { user, current: query.current === true, limit: query.limit });
        return { delegations: delegations.map(serializeDelegation) };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/approvals/delegations/:id/end',
      operationId: 'endDelegation',
      idempotent: true,
      permission: 'approvals.decide',
      summary: 'End one of your delegations now (an upcoming one never starts)',
      description: '404 `delegation_not_found` when it is not yours; 409 `delegation_ended` when it already ended.',
      tag: 'approvals',
      params: delegationParams,
      body: endDelegationBody.optional(),
      status: 200,
      response: { description: 'The delegation, ended', schema: delegationResponseSchema },
      errors: [404, 409],
      async handle({ params, body, request }) {
        const user = actingEmail(request, body?.by, { field: 'by', authRequired: authRequired(app) });
        return { delegation: serializeDelegation(await endDelegation(app, { user, id: params.id, caller: request.caller })) };
      },
    }),
  ];
}
