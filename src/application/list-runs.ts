import { InvalidInputError } from '../core/errors.ts';
import type { RunListPosition, RunMatch, RunRecord } from '../store/records.ts';
import type { AppContext } from './app-context.ts';
import { checkTimeWindow } from './time-window-check.ts';
import { checkedObjectId } from './stripe-object-filter.ts';

/** The most runs one page may hold. */
export const MAX_RUN_PAGE = 200;
export const DEFAULT_RUN_PAGE = 50;

export interface RunPage {
  runs: RunRecord[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  nextCursor: string | null;
}

/**
 * Runs, newest first by creation, filtered, one page at a time; a creation window that ends before it starts is
 * refused at created_before. `cursor` is the `nextCursor` of the page before: the last run it listed.
 */
export async function listRuns(app: AppContext, filter: RunMatch & { limit?: number; cursor?: string }): Promise<RunPage> {
  const limit = filter.limit ?? DEFAULT_RUN_PAGE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_RUN_PAGE) {
    throw new InvalidInputError('request_invalid', `limit ${limit} is out of range; give a whole number from 1 to ${MAX_RUN_PAGE}`, [], { path: 'limit' });
  }
  checkTimeWindow(filter.createdAfter, filter.createdBefore, { start: 'created_after', end: 'created_before' });
  if (filter.about !== undefined) checkedObjectId(filter.about, 'object');
  const { cursor, ...match } = filter;
  return app.engine.store.listRuns({ ...match, limit, ...(cursor === undefined ? {} : { after: await cursorPosition(app, cursor) }) });
}

/**
 * Where the page after `cursor` starts: just after that run, by its creation time. A cursor is a run's id, the
 * same before and after the list was ordered by creation time, so one a client kept from then goes on working.
 */
async function cursorPosition(app: AppContext, cursor: string): Promise<RunListPosition> {
  const run = await app.engine.store.getRun(cursor);
  if (run === undefined) {
    throw new InvalidInputError('request_invalid', `cursor "${cursor}" is not one this API gave; pass the next_cursor of the previous page`, [], { path: 'cursor' });
  }
  return { createdAt: run.createdAt.getTime(), id: run.id };
}
