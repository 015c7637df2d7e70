import { randomBytes } from 'node:crypto';

/**
 * Sortable, prefixed ids: `run_01J...`. Time first, so ids sort by creation,
 * which makes cursor pagination by id match creation order.
 */
export function newId(prefix: string, now: Date = new Date()): string {
  const time = now.getTime().toString(36).padStart(9, '0');
  const random = randomBytes(8).toString('hex');
  return `${prefix}_${time}${random}`;
}
