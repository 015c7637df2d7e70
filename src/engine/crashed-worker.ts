import { PermanentError } from '../core/errors.ts';
import type { ClaimedWork } from '../store/records.ts';

/**
 * Leases of one step that may run out without a commit before the step is
 * not run again. A lease runs out when the worker running the step dies (an
 * expression that exhausts memory, an abort, kill -9): past this many, the
 * step would kill every worker that claims it, after every restart.
 */
export const MAX_LEASE_EXPIRIES = 3;

export function crashedWorkerError(work: ClaimedWork): PermanentError | undefined {
  if (work.leaseExpiries < MAX_LEASE_EXPIRIES) return undefined;
  return new PermanentError(
    'step_crashed_worker',
    `step "${work.stepPath}" was not run again: the worker running it stopped without recording a result ${work.leaseExpiries} times (it crashed, ran out of memory or was killed). Find what in the step does this (an expression building a huge string, say), fix the workflow and retry the run.`,
    { details: { leaseExpiries: work.leaseExpiries } },
  );
}
