import type { Within } from '../../../../src/core/relative-window.ts';
import { REQUEST_STATUSES, type RequestStatus } from '../../../../src/core/statuses.ts';
import { parseTimeWindow } from '../../ui/time-window.ts';

/** The requests list as kept in the page's URL (`/requests?view=all&status=open&service=customer-success`). */
export interface RequestSearch {
  /** `all`: every request the caller may read; left out: the caller's own. */
  view?: 'all';
  status?: RequestStatus;
  /** A service id. */
  service?: string;
  /** An offering id, of `service` when one is chosen. */
  offering?: string;
  /** Requests submitted in the last hour, 24 hours, 7 or 30 days, whenever the page is opened; instead of `from` and `to`. */
  within?: Within;
  /** Local date and time (`2026-03-01T10:00`, as a datetime-local input gives it): requests submitted at or after. */
  from?: string;
  /** Local date and time: requests submitted before. */
  to?: string;
}

/** Keeps what the URL holds that makes sense as a filter; anything else is dropped, not an error. A relative window wins over absolute times. */
export function parseRequestSearch(search: Record<string, unknown>): RequestSearch {
  const text = (key: string): string | undefined => {
    const value = search[key];
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  };
  const status = text('status');
  const service = text('service');
  const offering = text('offering');
  return {
    ...(text('view') === 'all' ? { view: 'all' as const } : {}),
    ...(status !== undefined && (REQUEST_STATUSES as readonly string[]).includes(status) ? { status: status as RequestStatus } : {}),
    ...(service === undefined ? {} : { service }),
    ...(offering === undefined ? {} : { offering }),
    ...parseTimeWindow(search),
  };
}

/** Whether the list is narrowed by a status, a service, an offering or when requests were submitted. */
export function requestsNarrowed(search: RequestSearch): boolean {
  return search.status !== undefined || search.service !== undefined || search.offering !== undefined || search.within !== undefined || search.from !== undefined || search.to !== undefined;
}
