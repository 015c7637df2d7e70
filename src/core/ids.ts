import { randomUUID } from 'node:crypto';

/**
 * Sortable, prefixed ids: `run_01J...`. Time first, so ids sort by creation,
 * which makes cursor pagination by id match creation order. The random part
 * is 16 hex digits of a v4 UUID (its first and last eight, none of them fixed):
 * node draws those from the CSPRNG many at a time, where `randomBytes` makes a
 * call per id.
 */
export function newId(prefix: string, now: Date = new Date()): string {
  const time = now.getTime().toString(36).padStart(9, '0');
  const uuid = randomUUID();
  return `${prefix}_${time}${uuid.slice(0, 8)}${uuid.slice(28)}`;
}
