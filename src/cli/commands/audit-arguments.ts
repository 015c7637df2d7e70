import { InvalidArgumentError } from 'commander';

/** An audit entry's seq or a page size: a whole number from 1. */
export function parseWholeNumber(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError('give a whole number from 1.');
  return Number(value);
}
