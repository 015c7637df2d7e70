/**
 * Who reads which runs. The runs of catalog requests hold the requester's
 * form values: they are read by their requester, the approvers assigned to
 * one of their approval tasks, and callers with `requests.read_all`. Runs
 * without a request are read by anyone with `runs.read` (the route checks it).
 */
import { ForbiddenError } from '../core/errors.ts';
import type { Caller } from '../identity/caller.ts';
import type { AppContext } from './app-context.ts';

/**
 * The email whose runs a caller is limited to, or undefined when the caller
 * reads every run (authentication off, or `requests.read_all`).
 */
export function runReaderOf(caller: Caller | undefined): string | undefined {
  if (caller === undefined || caller.permissions.has('requests.read_all')) return undefined;
  return caller.user.email.trim().toLowerCase();
}

/**
 * Refuses a reader the run of someone else's request, as /requests/:id does.
 * Call it once the run is known to exist (a missing run is a 404 first).
 * @throws ForbiddenError `not_your_run`.
 */
export async function requireRunReadable(app: AppContext, reader: string | undefined, runId: string): Promise<void> {
  if (reader === undefined || (await app.engine.store.isRunVisibleTo(runId, reader))) return;
  throw new ForbiddenError(
    'not_your_run',
    `run ${runId} belongs to a catalog request of someone else; you see the runs of your own requests and of approval tasks assigned to you`,
    { path: 'id' },
  );
}
