/** Which stored events a backtest replays: a window (`30d`, `12h` or ISO times) or the last N, of the trigger's types. */
import { InvalidInputError } from '../core/errors.ts';
import { isDuration, parseDuration } from '../core/duration.ts';
import { eventTypeMatches } from '../definition/event-type-check.ts';
import { STRIPE_EVENT_TYPES } from '../definition/stripe-event-types.ts';
import type { EventWindow } from '../store/event-store.ts';

export const DEFAULT_BACKTEST_SINCE = '30d';

export interface BacktestWindowInput {
  since?: string;
  until?: string;
  last?: number;
}

/** The window as asked, for the report: ISO times, and the count of newest events. */
export interface BacktestWindow {
  since: string | null;
  until: string | null;
  last: number | null;
}

/** @throws InvalidInputError `request_invalid` naming the field. */
export function backtestWindow(input: BacktestWindowInput, now: Date): BacktestWindow {
  if (input.last !== undefined && (!Number.isInteger(input.last) || input.last < 1)) {
    throw new InvalidInputError('request_invalid', `last ${input.last} is not a whole number of events from 1; give e.g. 500`, [], { path: 'last' });
  }
  const until = input.until === undefined ? null : time(input.until, now, 'until');
  const sinceText = input.since ?? (input.last === undefined ? DEFAULT_BACKTEST_SINCE : undefined);
  const since = sinceText === undefined ? null : time(sinceText, until ?? now, 'since');
  if (since !== null && until !== null && since.getTime() > until.getTime()) {
    throw new InvalidInputError('request_invalid', `since (${since.toISOString()}) is after until (${until.toISOString()}); give a window that starts before it ends`, [], { path: 'since' });
  }
  return { since: since?.toISOString() ?? null, until: until?.toISOString() ?? null, last: input.last ?? null };
}

/** `30d` before `from`, or an ISO 8601 time. */
function time(text: string, from: Date, field: string): Date {
  if (isDuration(text)) return new Date(from.getTime() - parseDuration(text, field));
  const date = new Date(text);
  if (Number.isNaN(date.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(text)) {
    throw new InvalidInputError('request_invalid', `${field} "${text}" is neither a duration (30d, 12h) nor an ISO 8601 time (2026-01-31T00:00:00Z)`, [], { path: field });
  }
  return date;
}

/** The stored events' types a trigger listens to: the Stripe types its patterns match and any type it names exactly; null for `*`. */
export function windowTypes(patterns: string | readonly string[]): readonly string[] | null {
  const list = typeof patterns === 'string' ? [patterns] : patterns;
  if (list.includes('*')) return null;
  return [...new Set([...STRIPE_EVENT_TYPES.filter((type) => eventTypeMatches(list, type)), ...list.filter((pattern) => !pattern.includes('*'))])];
}

export function eventWindow(window: BacktestWindow, patterns: string | readonly string[]): EventWindow {
  return { types: windowTypes(patterns), since: window.since === null ? null : new Date(window.since), until: window.until === null ? null : new Date(window.until) };
}
