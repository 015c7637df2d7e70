import type { AppContext } from '../../application/app-context.ts';
import { runReaderOf } from '../../application/run-access.ts';
import type { PolicyRecord } from '../../store/policy-store.ts';
import type { RefundReservation } from '../../store/refund-ledger-records.ts';
import { defineRoute, type ApiRoute } from '../api-route.ts';
import { policyListResponseSchema, reservationListQuery, reservationListResponseSchema, type PolicyBodyJson, type ReservationJson } from '../governance-schemas.ts';

function policyJson(policy: PolicyRecord): PolicyBodyJson {
  return {
    id: policy.id,
    title: policy.title,
    description: policy.description,
    refunds: policy.body.refunds ?? null,
    approvals: policy.body.approvals ?? null,
    updated_at: policy.updatedAt.toISOString(),
  };
}

function reservationJson(reservation: RefundReservation): ReservationJson {
  return {
    id: reservation.id,
    operation: reservation.operation,
    charge: reservation.targetId,
    payment_intent: reservation.paymentIntentId,
    customer: reservation.customerId,
    workflow: reservation.workflowId,
    run_id: reservation.runId,
    step_path: reservation.stepPath,
    amount: reservation.amount,
    currency: reservation.currency,
    status: reservation.status,
    refund_id: reservation.resultId,
    created_at: reservation.createdAt.toISOString(),
    updated_at: reservation.updatedAt.toISOString(),
  };
}

/** Money governance: the global policies, and the refund reservation ledger. */
export function governanceRoutes(app: AppContext): ApiRoute[] {
  const store = app.engine.store;
  return [
    defineRoute({
      method: 'GET',
      url: '/api/v1/policies',
      operationId: 'listPolicies',
      permission: 'workflows.read',
      summary: "The global `kind: Policy` documents every workflow's money steps follow",
      tag: 'governance',
      status: 200,
      response: { description: 'The policies, by id', schema: policyListResponseSchema },
      async handle() {
        return { policies: (await store.policies.list()).map(policyJson) };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/refund-reservations',
      operationId: 'listRefundReservations',
      permission: 'runs.read',
      summary: 'The refund reservation ledger, newest first, filtered by status, charge, customer and workflow',
      description: "Without `requests.read_all`, the reservations of other people's catalog request runs are left out, as in GET /api/v1/runs.",
      tag: 'governance',
      query: reservationListQuery,
      status: 200,
      response: { description: 'A page of reservations', schema: reservationListResponseSchema },
      async handle({ query, request }) {
        const reader = runReaderOf(request.caller);
        const page = await store.refundLedger.list({
          limit: query.limit,
          ...(reader === undefined ? {} : { visibleTo: reader }),
          ...(query.status === undefined ? {} : { status: query.status }),
          ...(query.charge === undefined ? {} : { targetId: query.charge }),
          ...(query.customer === undefined ? {} : { customerId: query.customer }),
          ...(query.workflow === undefined ? {} : { workflowId: query.workflow }),
          ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
        });
        return { reservations: page.reservations.map(reservationJson), next_cursor: page.nextCursor };
      },
    }),
  ];
}
