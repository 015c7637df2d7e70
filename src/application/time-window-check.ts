import { InvalidInputError } from '../core/errors.ts';

/**
 * Refuses a list's time window that ends before it starts (or where it starts), at the end's field (`path`, where the query sits in a body): such a
 * window can only be a slip, and an empty list would hide it. `names` are the query's own words for the ends.
 */
export function checkTimeWindow(start: Date | undefined, end: Date | undefined, names: { start: string; end: string; path?: string }): void {
  if (start === undefined || end === undefined || end.getTime() > start.getTime()) return;
  const article = /^[aeiou]/.test(names.end) ? 'an' : 'a';
  throw new InvalidInputError(
    'request_invalid',
    `${names.end} ${end.toISOString()} is not after ${names.start} ${start.toISOString()}; give ${article} ${names.end} later than ${names.start}`,
    [],
    { path: names.path ?? names.end },
  );
}
