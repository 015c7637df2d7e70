/**
 * Which runs one bulk action (bulk-run-actions.ts) applies to: run ids as
 * given, or the runs a filter of the runs list matches, newest first, never
 * more than BULK_RUN_LIMIT.
 */
import { InvalidInputError } from '../core/errors.ts';
import type { RunMatch, RunRecord } from '../store/records.ts';
import type { AppContext } from './app-context.ts';
import { checkedObjectId } from './stripe-object-filter.ts';
import { checkTimeWindow } from './time-window-check.ts';

/** The most runs one bulk call acts on. */
export const BULK_RUN_LIMIT = 1000;

/** Runs named by id, or the runs a filter matches (the runs list's, `visibleTo` included). */
export type BulkSelection = { kind: 'ids'; ids: readonly string[] } | { kind: 'filter'; filter: RunMatch };

/** One selected run: its id, and its record as read before acting (undefined for an id no run has). */
export interface SelectedRun {
  id: string;
  run: RunRecord | undefined;
}

/**
 * The selected runs, in the order given (ids) or newest first (a filter).
 * @throws InvalidInputError `bulk_limit_exceeded` when more than BULK_RUN_LIMIT are named or matched, saying how many.
 */
export async function selectRuns(app: AppContext, selection: BulkSelection): Promise<SelectedRun[]> {
  const store = app.engine.store;
  switch (selection.kind) {
    case 'ids': {
      if (selection.ids.length > BULK_RUN_LIMIT) throw tooMany(`${count(selection.ids.length)} run ids were sent`, 'runs');
      const runs: SelectedRun[] = [];
      for (const id of selection.ids) runs.push({ id, run: await store.getRun(id) });
      return runs;
    }
    case 'filter': {
      const { filter } = selection;
      if (filter.about !== undefined) checkedObjectId(filter.about, 'filter.object');
      checkTimeWindow(filter.createdAfter, filter.createdBefore, { start: 'created_after', end: 'created_before', path: 'filter.created_before' });
      const { runs } = await store.listRuns({ ...filter, limit: BULK_RUN_LIMIT + 1 });
      if (runs.length > BULK_RUN_LIMIT) throw tooMany(`the filter matches ${count(await store.countRuns(filter))} runs`, 'filter');
      return runs.map((run) => ({ id: run.id, run }));
    }
    default: {
      const _: never = selection;
      throw new Error(`unknown selection ${JSON.stringify(_)}`);
    }
  }
}

function tooMany(what: string, path: string): InvalidInputError {
  return new InvalidInputError(
    'bulk_limit_exceeded',
    `${what}; one bulk call acts on at most ${count(BULK_RUN_LIMIT)}: narrow the filter (workflow, status, created_after and created_before) and send it in parts`,
    [],
    { path },
  );
}

function count(value: number): string {
  return value.toLocaleString('en-US');
}
