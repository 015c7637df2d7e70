import { newId } from '../core/ids.ts';
import type { ClaimedWork, CommittedSteps, CreatedRuns, NewRun, StepCommit, WorkLease } from '../store/records.ts';
import { firstStepWork } from '../store/new-run.ts';
import type { EngineContext } from './engine-context.ts';

/** Room on the local worker for `count` new runs' first steps, leased to it until `lease.until` (`leaseMs` from now). */
export interface LeaseOffer {
  lease: WorkLease;
  leaseMs: number;
  count: number;
}

/**
 * The local worker, as what creates runs sees it: a run created in a process
 * whose worker has a free slot gets its first work item inserted already
 * leased to that worker, which runs it as soon as the insert has committed
 * (no claim, no wake-up). Should the process die in between, the lease runs
 * out and any worker claims the item, as after a crash in a step.
 */
export interface RunHandoff {
  /** Leases for up to `wanted` first steps, or none when the worker is busy or stopped. Its room stays held until `runLeased`. */
  offerLeases(wanted: number): LeaseOffer | undefined;
  /** After the commit: runs what was inserted under `offer` (none when the write failed), and frees the rest of its room. */
  runLeased(offer: LeaseOffer, claimed: readonly ClaimedWork[]): void;
  /**
   * Runs in memory those of these first steps that write only in their commit (commit-only-step.ts), and
   * returns the commits of those that moved on or ended, for the write that creates their runs to apply.
   */
  runFirstSteps(work: readonly ClaimedWork[]): Promise<StepCommit[]>;
  /** After the commit: the first steps the write committed, which count as this worker's (metrics). */
  firstStepsCommitted(committed: CommittedSteps): void;
}

/**
 * Writes new runs (`write` inserts them in one transaction and returns the
 * first steps it inserted leased), the first steps of as many as the local
 * worker has room for leased to it, and hands those to it once written.
 */
export function handOffRuns(engine: EngineContext, runs: readonly NewRun[], write: (runs: NewRun[]) => Promise<readonly ClaimedWork[]>): Promise<readonly ClaimedWork[]> {
  return handOffLeases(engine, {
    wanted: runs.length,
    write: (offer) => write(runs.map((run, index) => (offer !== undefined && index < offer.count ? { ...run, lease: offer.lease } : run))),
    leasedOf: (leased) => leased,
  });
}

/**
 * The same, and first the local worker runs, in memory, the new runs' first
 * steps that write only in their commit, so that `write` commits them with
 * the runs: one commit where there were two, and nothing left to run for a run
 * that ends there. Those steps take none of the worker's room; what needs it
 * is leased as far as it goes, the other runs' first steps first, then the
 * next steps of those that moved on (chained to the worker by their commit).
 * `write` inserts the runs and applies those commits in one transaction
 * (step-commit/first-steps.ts `insertRunsWithFirstSteps`).
 */
export async function handOffRunsWithFirstSteps(
  engine: EngineContext,
  runs: readonly NewRun[],
  write: (runs: NewRun[], firstSteps: readonly StepCommit[]) => Promise<CreatedRuns>,
): Promise<CreatedRuns> {
  const handoff = engine.handoff;
  if (handoff === undefined || runs.length === 0) return write([...runs], []);
  const numbered = runs.map((run) => ({ ...run, firstItemId: newId('wi', run.createdAt) }));
  const firstSteps = await handoff.runFirstSteps(numbered.map((run) => firstStepWork(run, run.firstItemId)));
  const ran = new Set(firstSteps.map((commit) => commit.runId));
  const moves = firstSteps.filter((commit) => commit.kind === 'moved_on').length;
  const handed = await handOffLeases(engine, {
    wanted: runs.length - ran.size + moves,
    write: (offer) => {
      if (offer === undefined) return write(numbered, firstSteps);
      let room = offer.count;
      const offered = numbered.map((run) => {
        if (ran.has(run.id) || room === 0) return run;
        room -= 1;
        return { ...run, lease: offer.lease };
      });
      const chained = firstSteps.map((commit) => {
        if (commit.kind !== 'moved_on' || room === 0) return commit;
        room -= 1;
        return { ...commit, chainLeaseMs: offer.leaseMs };
      });
      return write(offered, chained);
    },
    leasedOf: (written) => written.leased,
  });
  if (handed.committed.commits.length > 0) handoff.firstStepsCommitted(handed.committed);
  return handed;
}

/**
 * The same for runs made inside the write (due schedules): `write` leases the
 * first steps of up to `offer.count` of at most `wanted` runs; `leasedOf`
 * says which first steps it inserted leased, which the worker runs once written.
 */
export async function handOffLeases<T>(
  engine: EngineContext,
  input: { wanted: number; write: (offer: LeaseOffer | undefined) => Promise<T>; leasedOf: (written: T) => readonly ClaimedWork[] },
): Promise<T> {
  const handoff = engine.handoff;
  const offer = input.wanted > 0 ? handoff?.offerLeases(input.wanted) : undefined;
  if (offer === undefined || handoff === undefined) return input.write(undefined);
  let leased: readonly ClaimedWork[] = [];
  try {
    const written = await input.write(offer);
    leased = input.leasedOf(written);
    return written;
  } finally {
    handoff.runLeased(offer, leased);
  }
}
