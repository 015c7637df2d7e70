import { InvalidInputError } from './errors.ts';

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const PATTERN = /^(\d+(?:\.\d+)?)(ms|s|m|h|d|w)$/;

/** True when `text` is a duration such as `30s`, `15m`, `7d`. */
export function isDuration(text: string): boolean {
  return PATTERN.test(text.trim());
}

/** A length of time as people read it in a message: `30 s` for whole seconds, else `200 ms`. */
export function describeDuration(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

/** Parses `30s`, `15m`, `2h`, `7d`, `500ms` into milliseconds. */
export function parseDuration(text: string, path = 'duration'): number {
  const match = PATTERN.exec(text.trim());
  const unit = match?.[2];
  if (!match || unit === undefined) {
    throw new InvalidInputError('duration_invalid', `${path}: "${text}" is not a duration; write a number and a unit, e.g. 30s, 15m, 2h, 7d`, [], { path });
  }
  return Math.round(Number(match[1]) * (UNITS[unit] ?? 0));
}
