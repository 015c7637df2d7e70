import { REQUEST_STATUSES, type RequestStatus } from '../../../../src/core/statuses.ts';

/** The requests list as kept in the page's URL (`/requests?view=all&status=open&service=customer-success`). */
export interface RequestSearch {
  /** `all`: every request the caller may read; left out: the caller's own. */
  view?: 'all';
  status?: RequestStatus;
  /** A service id. */
  service?: string;
  /** An offering id, of `service` when one is chosen. */
  offering?: string;
}

/** Keeps what the URL holds that makes sense as a filter; anything else is dropped, not an error. */
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
  };
}

/** Whether the list is narrowed by a status, a service or an offering. */
export function requestsNarrowed(search: RequestSearch): boolean {
  return search.status !== undefined || search.service !== undefined || search.offering !== undefined;
}
