/**
 * A relative time window of a list page ("the last 24 hours"), kept in the page's URL and in saved views
 * as `within=24h`, so a link or a view means the last 24 hours whenever it is opened. The page turns it
 * into an absolute lower bound only when it asks the API; the CLI's `--since 24h` means the same.
 */
import { parseDuration } from './duration.ts';

/** The URL key of a page's relative window. */
export const WITHIN_KEY = 'within';

/** The windows a page offers, shortest first, each with its label in the page's time choice. */
export const WITHIN_CHOICES = [
  { value: '1h', label: 'Last hour' },
  { value: '24h', label: 'Last 24 hours' },
  { value: '7d', label: 'Last 7 days' },
  { value: '30d', label: 'Last 30 days' },
] as const;

export type Within = (typeof WITHIN_CHOICES)[number]['value'];

const VALUES: readonly string[] = WITHIN_CHOICES.map((choice) => choice.value);

/** `value` as a window when it is exactly one of the offered ones (`24h`), else undefined: `1d`, `24H`, ` 24h` are not. */
export function parseWithin(value: unknown): Within | undefined {
  return typeof value === 'string' && VALUES.includes(value) ? (value as Within) : undefined;
}

/**
 * Where the window starts when it ends at `now` (epoch milliseconds).
 * @example windowStart('24h', Date.parse('2026-03-02T10:00:00Z')).toISOString() // '2026-03-01T10:00:00.000Z'
 */
export function windowStart(within: Within, now: number): Date {
  return new Date(now - parseDuration(within));
}
