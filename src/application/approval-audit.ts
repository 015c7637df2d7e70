/**
 * What an approval decision's audit entry records besides the decision: the
 * values the approver saw in the review (the request's form values and the
 * steps an approval leads to, with the money-moving call in words), so an
 * auditor can tell "approved a refund of 1,500.00 USD" from "approved".
 */
import { auditJson } from '../core/audit-detail.ts';
import type { JsonValue } from '../core/json.ts';
import type { DecideRequest, DecisionAudit } from '../approvals/decide-approval.ts';
import { actingActor } from '../identity/audit-actor.ts';
import type { Caller } from '../identity/caller.ts';
import type { AppContext } from './app-context.ts';
import type { NextStep } from '../engine/approval-next-action.ts';
import { approvalReview } from './approval-review.ts';

export async function decisionAudit(app: AppContext, caller: Caller | undefined, request: DecideRequest): Promise<DecisionAudit> {
  // Read as the review shows it to its approvers: whether this caller may decide is decideApproval's to say.
  const review = await approvalReview(app, undefined, request.taskId);
  const requestRecord = review.request;
  const serving = requestRecord === null ? undefined : await app.requests.get(requestRecord.id);
  return {
    actor: actingActor(caller, request.by),
    saw: {
      request:
        requestRecord === null
          ? null
          : { id: requestRecord.id, offering: requestRecord.offering, requester: requestRecord.requester, values: Object.fromEntries(requestRecord.fields.map((field) => [field.key, auditJson(field.value)])) },
      next_actions: review.next_actions.map(nextStepSeen),
    },
    serviceId: serving?.serviceId ?? null,
    offeringId: serving?.offeringId ?? null,
  };
}

/** A step as the review summed it up (a rendered call's whole input is left out). */
function nextStepSeen(next: NextStep): JsonValue {
  if (next.kind === 'action') return { kind: next.kind, step: next.step, uses: next.uses, summary: next.summary, target: next.target, amount: auditJson(next.amount), moves_money: next.moves_money };
  return { kind: next.kind, step: next.step, title: next.title };
}
