import { InvalidInputError } from '../core/errors.ts';
import type { RunFilter, RunRecord } from '../store/records.ts';
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

/** Runs, newest first, filtered, one page at a time; a creation window that ends before it starts is refused at created_before. */
export async function listRuns(app: AppContext, filter: Partial<RunFilter>): Promise<RunPage> {
  const limit = filter.limit ?? DEFAULT_RUN_PAGE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_RUN_PAGE) {
    throw new InvalidInputError('request_invalid', `limit ${limit} is out of range; give a whole number from 1 to ${MAX_RUN_PAGE}`, [], { path: 'limit' });
  }
  checkTimeWindow(filter.createdAfter, filter.createdBefore, { start: 'created_after', end: 'created_before' });
  if (filter.about !== undefined) checkedObjectId(filter.about, 'object');
  return app.engine.store.listRuns({ ...filter, limit });
}
