import { InvalidArgumentError } from 'commander';
import { isDuration, parseDuration } from '../core/duration.ts';

/**
 * A time flag (`--since`, `--until`, `--from`, `--to`): a duration back from now (`30m`, `24h`, `7d`, as the
 * web app's `within=24h`) or an ISO time, as an ISO time. A malformed one is a usage error naming the flag.
 * @example parseTime('24h') // the ISO time 24 hours ago
 */
export function parseTime(value: string): string {
  if (isDuration(value)) return new Date(Date.now() - parseDuration(value)).toISOString();
  const time = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(time.getTime())) throw new InvalidArgumentError('give a duration ago (30m, 2h, 1d) or an ISO time (2026-03-01T09:00:00Z).');
  return time.toISOString();
}
