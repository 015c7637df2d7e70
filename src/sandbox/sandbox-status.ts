import type { EventPayload, WebhookEndpoint } from './stripe-objects.ts';
import type { DeliveryRecord, DeliveryStatus } from './webhook-delivery.ts';

/** What `GET /_sandbox/status` answers: where the sandbox is, where its events go, and how delivery goes. */
export interface SandboxStatus {
  url: string;
  /** `event_payload`: what its deliveries carry, the whole event (`snapshot`) or a thin event (`thin`). */
  endpoints: Array<{ id: string; url: string; status: WebhookEndpoint['status']; enabled_events: string[]; event_payload: EventPayload; secret: string }>;
  deliveries: Record<DeliveryStatus, number> & { oldest_pending: OldestPending | null };
  objects: { total: number; by_collection: Record<string, number> };
}

interface OldestPending {
  event_id: string;
  event_type: string;
  endpoint_id: string;
  url: string;
  attempts: number;
  created: number;
  last_error: string | null;
}

/** The sandbox's status, secrets masked to their first and last four characters. */
export function sandboxStatus(input: { url: string; endpoints: readonly WebhookEndpoint[]; deliveries: readonly DeliveryRecord[]; objects: Record<string, number> }): SandboxStatus {
  const counts: Record<DeliveryStatus, number> = { pending: 0, succeeded: 0, failed: 0, cancelled: 0 };
  let oldest: DeliveryRecord | undefined;
  for (const record of input.deliveries) {
    counts[record.status] += 1;
    if (record.status === 'pending' && (oldest === undefined || record.created < oldest.created)) oldest = record;
  }
  return {
    url: input.url,
    endpoints: input.endpoints.map((endpoint) => ({
      id: endpoint.id,
      url: endpoint.url,
      status: endpoint.status,
      enabled_events: endpoint.enabled_events,
      event_payload: endpoint.event_payload ?? 'snapshot',
      secret: maskSecret(endpoint.secret),
    })),
    deliveries: {
      ...counts,
      oldest_pending:
        oldest === undefined
          ? null
          : { event_id: oldest.eventId, event_type: oldest.eventType, endpoint_id: oldest.endpointId, url: oldest.url, attempts: oldest.attempts, created: oldest.created, last_error: oldest.lastError },
    },
    objects: { total: Object.values(input.objects).reduce((sum, count) => sum + count, 0), by_collection: input.objects },
  };
}

/** `whsec_abcd…wxyz`: enough to tell two secrets apart, not enough to sign with. */
export function maskSecret(secret: string): string {
  const prefix = secret.startsWith('whsec_') ? 'whsec_' : '';
  const body = secret.slice(prefix.length);
  return body.length <= 8 ? `${prefix}${'*'.repeat(body.length)}` : `${prefix}${body.slice(0, 4)}…${body.slice(-4)}`;
}
