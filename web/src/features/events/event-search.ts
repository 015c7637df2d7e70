import type { Within } from '../../../../src/core/relative-window.ts';
import { parseTimeWindow } from '../../ui/time-window.ts';

/** The events list's filters, as kept in the page's URL (`/events?type=charge.refunded&from=2026-03-01T00:00`). */
export interface EventSearch {
  /** A Stripe object id: the events about it and what belongs to it. */
  object?: string;
  /** A Stripe event type, e.g. `charge.refunded`. */
  type?: string;
  /** Events received in the last hour, 24 hours, 7 or 30 days, whenever the page is opened; instead of `from` and `to`. */
  within?: Within;
  /** Local date and time (`2026-03-01T10:00`, as a datetime-local input gives it): events received at or after. */
  from?: string;
  /** Local date and time: events received before. */
  to?: string;
}

/**
 * Keeps what the URL holds that makes sense as a filter; a time in another shape is dropped, not an error,
 * and a relative window wins over absolute times.
 * The object id is kept as given (a number typed into the URL read as its digits): the page checks it, and
 * the server refuses what is not an id.
 */
export function parseEventSearch(search: Record<string, unknown>): EventSearch {
  const text = (key: string): string | undefined => {
    const value = search[key];
    const given = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
    return given === '' ? undefined : given;
  };
  const object = text('object');
  const type = text('type');
  return {
    ...(object === undefined ? {} : { object }),
    ...(type === undefined ? {} : { type }),
    ...parseTimeWindow(search),
  };
}

/** Whether the list is narrowed by anything but the object (which has its own search field). */
export function narrowedBesidesObject(search: EventSearch): boolean {
  return search.type !== undefined || search.within !== undefined || search.from !== undefined || search.to !== undefined;
}
