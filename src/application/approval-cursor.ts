/**
 * The approvals listing's cursor: where the next page starts, as `next_cursor` gives it (the last
 * task's creation time in ms and its id, `1767261600000|apt_…`), for the keyset the listing is read
 * by (newest first, the later id first on a tie).
 */
import { InvalidInputError } from '../core/errors.ts';
import type { ApprovalListPosition } from '../store/approval-list-query.ts';
import type { ApprovalTaskRecord } from '../store/approval-records.ts';

const CURSOR = /^(\d{1,15})\|(\S{1,200})$/;

/** The cursor of the page after `task`. */
export function approvalCursorAfter(task: Pick<ApprovalTaskRecord, 'createdAt' | 'id'>): string {
  return `${task.createdAt.getTime()}|${task.id}`;
}

/**
 * The position a cursor names.
 * @throws InvalidInputError `request_invalid` at `cursor` when it is not one the listing gave.
 */
export function parseApprovalCursor(cursor: string): ApprovalListPosition {
  const match = CURSOR.exec(cursor);
  if (match === null) {
    throw new InvalidInputError('request_invalid', `cursor "${cursor}" is not one this listing gave; pass the \`next_cursor\` of the page before, unchanged`, [{ path: 'cursor', message: 'not a cursor of this listing' }], { path: 'cursor' });
  }
  return { createdAt: Number(match[1]), id: match[2] ?? '' };
}
