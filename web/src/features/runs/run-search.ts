import type { Within } from '../../../../src/core/relative-window.ts';
import { parseTimeWindow, timeWindowBounds } from '../../ui/time-window.ts';

/** The runs list's filters, as kept in the page's URL (`/runs?status=failed&workflow=refund`). */
export interface RunSearch {
  workflow?: string;
  status?: RunStatusFilter;
  /** Runs started in the last hour, 24 hours, 7 or 30 days, whenever the page is opened; instead of `from` and `to`. */
  within?: Within;
  /** Local date and time (`2026-03-01T10:00`, as a datetime-local input gives it): runs created at or after. */
  from?: string;
  /** Local date and time: runs created before. */
  to?: string;
  /** A Stripe event id: the runs it started. */
  event?: string;
  /** A Stripe object id (`pi_…`, `ch_…`, `cus_…`): the runs started by events about it (a customer's: also about its payments and charges). */
  object?: string;
  /** A catalog request id: its run. */
  request?: string;
}

export const RUN_STATUSES = ['running', 'waiting', 'succeeded', 'failed', 'cancelled'] as const;
export type RunStatusFilter = (typeof RUN_STATUSES)[number];

/** Keeps what the URL holds that makes sense as a filter; anything else is dropped, not an error. A relative window wins over absolute times. */
export function parseRunSearch(search: Record<string, unknown>): RunSearch {
  const text = (key: string): string | undefined => {
    const value = search[key];
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  };
  const status = text('status');
  return {
    ...(text('workflow') === undefined ? {} : { workflow: text('workflow') }),
    ...(status !== undefined && (RUN_STATUSES as readonly string[]).includes(status) ? { status: status as RunStatusFilter } : {}),
    ...parseTimeWindow(search),
    ...(text('event') === undefined ? {} : { event: text('event') }),
    ...(text('object') === undefined ? {} : { object: text('object') }),
    ...(text('request') === undefined ? {} : { request: text('request') }),
  };
}

/**
 * The API's filter fields (GET /runs, and the `filter` of POST /runs/retry and /runs/cancel) for the filters in the URL,
 * a relative window as the time it starts when it ends at `now`.
 */
export function runListFilter(search: RunSearch, now: number) {
  const { since, until } = timeWindowBounds(search, now);
  return {
    workflow: search.workflow,
    status: search.status,
    created_after: since,
    created_before: until,
    event: search.event,
    object: search.object,
    request: search.request,
  };
}
