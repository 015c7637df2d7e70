/** Received Stripe events to response bodies. */
import type { StoredEvent } from '../store/event-store.ts';
import type { EventBody, EventSummaryBody } from './event-schemas.ts';

export function serializeEventSummary(event: StoredEvent): EventSummaryBody {
  return {
    id: event.id,
    type: event.type,
    account: event.account,
    connector: event.connectorId,
    livemode: event.livemode,
    created: event.created,
    source: event.source,
    received_at: event.receivedAt.toISOString(),
    matches: event.matches.map((match) => ({ workflow: match.workflowId, run: match.runId, reason: match.reason })),
  };
}

export function serializeEvent(event: StoredEvent): EventBody {
  return { ...serializeEventSummary(event), payload: event.payload };
}
