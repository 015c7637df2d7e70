/** Received Stripe events to response bodies. */
import type { StoredEvent } from '../store/event-store.ts';
import type { ReplayOutcome } from '../triggers/event-replay.ts';
import type { EventBody, EventSummaryBody, ReplayOutcomeBody } from './event-schemas.ts';

/** `workflowTitle` names the workflows the event matched (workflowTitles of application/workflow-titles.ts). */
export function serializeEventSummary(event: StoredEvent, workflowTitle: (workflowId: string) => string): EventSummaryBody {
  return {
    id: event.id,
    type: event.type,
    account: event.account,
    connector: event.connectorId,
    livemode: event.livemode,
    created: event.created,
    source: event.source,
    received_at: event.receivedAt.toISOString(),
    object: event.objectId,
    customer: event.customerId,
    charge: event.chargeId,
    payment_intent: event.paymentIntentId,
    matches: event.matches.map((match) => ({
      workflow: match.workflowId,
      workflow_title: workflowTitle(match.workflowId),
      run: match.runId,
      reason: match.reason,
      generation: match.generation,
      replayed_by: match.replayedBy,
      replayed_at: match.replayedAt?.toISOString() ?? null,
    })),
  };
}

export function serializeEvent(event: StoredEvent, workflowTitle: (workflowId: string) => string): EventBody {
  return { ...serializeEventSummary(event, workflowTitle), payload: event.payload };
}

export function serializeReplayOutcome(outcome: ReplayOutcome, workflowTitle: (workflowId: string) => string): ReplayOutcomeBody {
  const workflow = { workflow: outcome.workflowId, workflow_title: workflowTitle(outcome.workflowId) };
  switch (outcome.result) {
    case 'started':
      return { ...workflow, result: outcome.result, run: outcome.runId, generation: outcome.generation };
    case 'already_ran':
      return { ...workflow, result: outcome.result, runs: outcome.runIds };
    case 'not_started':
      return { ...workflow, result: outcome.result, reason: outcome.reason };
    default: {
      const unknown: never = outcome;
      throw new Error(`unknown replay outcome ${JSON.stringify(unknown)}`);
    }
  }
}
