import { queryOptions } from '@tanstack/react-query';
import { windowStart, type Within } from '../../../../src/core/relative-window.ts';
import { api } from '../../api/api-client.ts';
import type { EventDetail, EventSummary, OutboxListItem, OutboxMessage, SandboxStatus, WebhookInboxMessage, WebhookInboxMessageDetail } from '../../api/types.ts';

const PAGE = 25;

/**
 * What the events list is narrowed to: `object` a Stripe object (a customer's id also finds its payments' and charges'),
 * `within` a relative window (instead of `since`), `since` and `until` ISO times.
 */
export interface EventsFilter {
  object?: string | undefined;
  type?: string | undefined;
  within?: Within | undefined;
  since?: string | undefined;
  until?: string | undefined;
}

/**
 * Received events, newest first, narrowed by `filter`. A relative window is in the key as such, and each fetch (every
 * refetch of the feed too) asks from the time it starts then, so the list slides with the clock.
 */
export const eventsQuery = (filter: EventsFilter, cursor: string | undefined) =>
  queryOptions({
    queryKey: ['events', 'list', filter.object ?? null, filter.type ?? null, filter.within ?? null, filter.since ?? null, filter.until ?? null, cursor ?? null],
    queryFn: () => {
      const since = filter.within === undefined ? filter.since : windowStart(filter.within, Date.now()).toISOString();
      return api<{ events: EventSummary[]; next_cursor: string | null }>('GET', '/events', { query: { limit: PAGE, object: filter.object, type: filter.type, since, until: filter.until, cursor } });
    },
    // A feed: always fresh when opened, and new deliveries appear while it is open.
    staleTime: 0,
    refetchInterval: 10_000,
  });

export const eventQuery = (id: string) => queryOptions({ queryKey: ['events', 'one', id], queryFn: () => api<{ event: EventDetail }>('GET', `/events/${encodeURIComponent(id)}`) });

/** What the outbox list may be narrowed to: `sending` is not delivered yet, `failed` refused or given up. */
export type OutboxStatusFilter = 'sending' | 'failed';

export const outboxQuery = (filter: { run?: string | undefined; status?: OutboxStatusFilter | undefined }, cursor: string | undefined, limit = PAGE) =>
  queryOptions({
    queryKey: ['outbox', 'list', filter.run ?? null, filter.status ?? null, cursor ?? null, limit],
    queryFn: () => api<{ messages: OutboxListItem[]; next_cursor: string | null }>('GET', '/outbox', { query: { limit, run: filter.run, status: filter.status, cursor } }),
    staleTime: 0,
    refetchInterval: 10_000,
  });

export const outboxMessageQuery = (id: string) => queryOptions({ queryKey: ['outbox', 'one', id], queryFn: () => api<{ message: OutboxMessage }>('GET', `/outbox/${encodeURIComponent(id)}`) });

export const webhookInboxQuery = (run: string | undefined, cursor: string | undefined) =>
  queryOptions({
    queryKey: ['webhook-inbox', 'list', run ?? null, cursor ?? null],
    queryFn: () => api<{ messages: WebhookInboxMessage[]; next_cursor: string | null }>('GET', '/webhook-inbox', { query: { limit: PAGE, run, cursor } }),
    staleTime: 0,
    refetchInterval: 10_000,
  });

export const webhookMessageQuery = (id: string) =>
  queryOptions({ queryKey: ['webhook-inbox', 'one', id], queryFn: () => api<{ message: WebhookInboxMessageDetail }>('GET', `/webhook-inbox/${encodeURIComponent(id)}`) });

export const sandboxQuery = queryOptions({ queryKey: ['sandbox'], queryFn: () => api<{ sandbox: SandboxStatus }>('GET', '/sandbox'), staleTime: 60_000 });
