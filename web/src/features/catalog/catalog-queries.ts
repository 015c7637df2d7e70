import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api } from '../../api/api-client.ts';
import type { CatalogResponse, Offering, RequestDetailResponse, RequestList, RequestTimeline, ServiceList } from '../../api/types.ts';
import { timeWindowBounds, type TimeWindow } from '../../ui/time-window.ts';

/** Every service with every offering, drafts and those that take no requests too: what editors change (under `catalog`, so a change refreshes both). */
export const servicesQuery = queryOptions({
  queryKey: ['catalog', 'services'],
  queryFn: () => api<ServiceList>('GET', '/services'),
});

/** One offering with its form (`offering` is an id, or `service/offering`). */
export function offeringQuery(offering: string) {
  return queryOptions({
    queryKey: ['catalog', 'offering', offering],
    queryFn: () => api<{ offering: Offering }>('GET', `/catalog/offerings/${encodeURIComponent(offering)}`),
  });
}

/**
 * Requests, newest first, one page per cursor: the caller's own (`mine`), or every one the caller may read
 * (the API answers a requester with their own whatever is asked); narrowed by status, service, offering and
 * when they were submitted. A relative window is in the key as such, and each fetch asks from the time it
 * starts then, so the list slides with the clock.
 */
export function requestsQuery(
  filter: { mine: boolean; status?: string | undefined; service?: string | undefined; offering?: string | undefined; submitted: TimeWindow },
  cursor: string | undefined,
) {
  const { submitted } = filter;
  return queryOptions({
    queryKey: ['requests', filter.mine ? 'mine' : 'all', filter.status ?? null, filter.service ?? null, filter.offering ?? null, submitted.within ?? null, submitted.from ?? null, submitted.to ?? null, cursor ?? null],
    queryFn: () => {
      const { since, until } = timeWindowBounds(submitted, Date.now());
      return api<RequestList>('GET', '/requests', {
        query: { ...(filter.mine ? { mine: true } : {}), status: filter.status, service: filter.service, offering: filter.offering, created_after: since, created_before: until, limit: 25, cursor },
      });
    },
  });
}

/** While a request is open its run goes on: look again every few seconds until it closes. */
const OPEN_REFRESH_MS = 3000;

export function requestQuery(id: string) {
  return queryOptions({
    queryKey: ['requests', 'detail', id],
    queryFn: () => api<RequestDetailResponse>('GET', `/requests/${encodeURIComponent(id)}`),
    refetchInterval: (query) => (query.state.data?.request.status === 'open' ? OPEN_REFRESH_MS : false),
  });
}

/**
 * A request's timeline as of its `status`: a new status is a new query, read at once, so the entries its
 * run wrote as it closed (the refund's reference) show even when the last look while open came just before.
 */
export function requestTimelineQuery(id: string, status: string) {
  return queryOptions({
    queryKey: ['requests', 'timeline', id, status],
    queryFn: () => api<RequestTimeline>('GET', `/requests/${encodeURIComponent(id)}/timeline`),
    refetchInterval: status === 'open' ? OPEN_REFRESH_MS : false,
    // The entries read while it was open stay on screen until the new read answers.
    placeholderData: keepPreviousData,
  });
}

/** How a page links to an offering: its id, or `service/offering` when another service uses the same id. */
export function offeringRef(catalog: CatalogResponse, service: string, offering: string): string {
  const sameId = catalog.services.filter((candidate) => candidate.offerings.some((other) => other.id === offering));
  return sameId.length > 1 ? `${service}/${offering}` : offering;
}
