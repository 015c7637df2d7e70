import { parseWithin, windowStart, type Within } from '../../../src/core/relative-window.ts';
import { localTimeToIso } from './time.ts';

/** A list's time filter as its URL keeps it: a relative window, or absolute local times (`2026-03-01T10:00`), or neither. */
export interface TimeWindow {
  /** The last hour, 24 hours, 7 or 30 days, whenever the page is opened; instead of `from` and `to`. */
  within?: Within | undefined;
  /** Local date and time, as a datetime-local input gives it: at or after. */
  from?: string | undefined;
  /** Local date and time: before. */
  to?: string | undefined;
}

/** As a datetime-local input gives it: to the minute, or to the second or millisecond with a finer `step`. */
const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/;

/**
 * The time filter a page's URL holds (`within`, or `from` and `to`), as each list page reads it: a relative
 * window wins over absolute times, and a time in another shape is dropped, not an error.
 * @example parseTimeWindow({ within: '24h', from: '2026-03-01T10:00' }) // { within: '24h' }
 */
export function parseTimeWindow(search: Record<string, unknown>): TimeWindow {
  const within = parseWithin(search['within']);
  if (within !== undefined) return { within };
  const local = (key: string): string | undefined => {
    const value = search[key];
    return typeof value === 'string' && LOCAL_TIME.test(value.trim()) ? value.trim() : undefined;
  };
  const from = local('from');
  const to = local('to');
  return { ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }) };
}

/**
 * The window as the API's bounds, ISO instants: a relative window starts where it does when it ends at `now`
 * (the list slides with the clock), absolute times are read in the browser's time zone.
 */
export function timeWindowBounds(window: TimeWindow, now: number): { since: string | undefined; until: string | undefined } {
  return { since: window.within === undefined ? localTimeToIso(window.from) : windowStart(window.within, now).toISOString(), until: localTimeToIso(window.to) };
}

/** Why the custom times cannot both hold (the second is not after the first), said at the second; undefined when they can. */
export function timeRangeProblem(window: TimeWindow, fromLabel: string): string | undefined {
  const since = localTimeToIso(window.from);
  const until = localTimeToIso(window.to);
  return since !== undefined && until !== undefined && until <= since ? `Pick a time after “${fromLabel}”.` : undefined;
}
