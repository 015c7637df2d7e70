import type { BacktestRequest, BacktestWindow } from './simulation-types.ts';

export type WindowKind = '24h' | '7d' | '30d' | 'custom' | 'last';

/** The events a backtest replays, as the form holds it. */
export interface WindowChoice {
  kind: WindowKind;
  /** `datetime-local` values, in the browser's time zone. */
  since: string;
  until: string;
  last: string;
}

export const WINDOW_KINDS: { value: WindowKind; label: string }[] = [
  { value: '24h', label: 'Last 24 hours' },
  { value: '7d', label: 'Last 7 days' },
  { value: '30d', label: 'Last 30 days' },
  { value: 'custom', label: 'Between two dates' },
  { value: 'last', label: 'The last N events' },
];

export const MAX_LAST = 100_000;

/** The window as the API takes it, or what is wrong with the form, by field. */
export function windowRequest(choice: WindowChoice, now: Date = new Date()): Pick<BacktestRequest, 'since' | 'until' | 'last'> | { field: 'since' | 'until' | 'last'; message: string } {
  switch (choice.kind) {
    case '24h':
    case '7d':
    case '30d':
      return { since: choice.kind };
    case 'custom': {
      const since = localTime(choice.since);
      if (since === null) return { field: 'since', message: 'Give the first moment to replay events from.' };
      const until = choice.until === '' ? null : localTime(choice.until);
      if (choice.until !== '' && until === null) return { field: 'until', message: 'This is not a date and time.' };
      if (until !== null && until <= since) return { field: 'until', message: 'The end must come after the start.' };
      if (since > now) return { field: 'since', message: 'The start is in the future: no events are stored yet.' };
      return { since: since.toISOString(), ...(until === null ? {} : { until: until.toISOString() }) };
    }
    case 'last': {
      const last = Number(choice.last);
      if (choice.last.trim() === '' || !Number.isSafeInteger(last) || last < 1 || last > MAX_LAST) return { field: 'last', message: `A whole number of events, 1 to ${MAX_LAST.toLocaleString('en-US')}.` };
      return { last };
    }
    default: {
      const unknown: never = choice.kind;
      return unknown;
    }
  }
}

/**
 * A backtest's window in words, to follow "… events": `of the last 30 days`, `since 1 Dec 2026, 10:00`,
 * `from 1 Dec 2026, 10:00 to 2 Dec 2026, 10:00`, or `: the newest 200`.
 */
export function windowWords(window: BacktestWindow, format: (iso: string) => string): string {
  if (window.last !== null) return `: the newest ${window.last.toLocaleString('en-US')}`;
  const relative = /^(\d+)([hd])$/.exec(window.since ?? '');
  if (relative !== null && window.until === null) {
    const count = Number(relative[1]);
    const unit = relative[2] === 'h' ? 'hour' : 'day';
    return count === 1 ? `of the last ${unit}` : `of the last ${count} ${unit}s`;
  }
  if (window.since === null) return window.until === null ? 'of all time' : `until ${format(window.until)}`;
  return window.until === null ? `since ${format(window.since)}` : `from ${format(window.since)} to ${format(window.until)}`;
}

function localTime(value: string): Date | null {
  if (value === '') return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}
