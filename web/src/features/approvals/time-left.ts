import { formatRelative } from '../../ui/time.ts';

/** How long a pending task has before its deadline, in words: `due in 3 hours`, `overdue (5 minutes ago)`. */
export function timeLeft(dueAt: string | null, now: number = Date.now()): { text: string; urgent: boolean } {
  if (dueAt === null) return { text: 'No deadline', urgent: false };
  const left = new Date(dueAt).getTime() - now;
  if (left <= 0) return { text: `Overdue (${formatRelative(dueAt, now)})`, urgent: true };
  return { text: `Due ${formatRelative(dueAt, now)}`, urgent: left < 4 * 3_600_000 };
}
