import { newId } from '../core/ids.ts';
import { RunStatus } from '../core/statuses.ts';
import type { ClaimedWork, CommittedSteps, NewRun, StepCommit, WorkLease } from '../store/records.ts';
import type { EngineContext } from './engine-context.ts';

/** Room on the local worker for `count` new runs' first steps, leased to it until `lease.until`. */
export interface LeaseOffer {
  lease: WorkLease;
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
  /**
   * Runs in memory those of these leased first steps that write only in their commit (commit-only-step.ts),
   * and returns the commits of those that moved on or ended, for the write that creates their runs to apply.
   * The others run after the write, as leased.
   */
  runFirstSteps(work: readonly ClaimedWork[]): Promise<StepCommit[]>;
  /**
   * After the commit: runs what was inserted or chained leased under `offer` (none when the write failed),
   * takes note of the first steps the write committed, and frees the rest of its room.
   */
  runLeased(offer: LeaseOffer, claimed: readonly ClaimedWork[], committed?: CommittedSteps): void;
}

/** What a write that creates runs with their first steps did: the steps to run leased, and the first steps it committed. */
export interface HandedRuns {
  leased: readonly ClaimedWork[];
  committed: CommittedSteps;
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
 * The same, and the first steps of the runs leased to the local worker that
 * write only in their commit run before the write, in memory, so that `write`
 * commits them with the runs: one commit where there were two, and the worker
 * has nothing left to do for a run that ends there. `write` gets those
 * commits, inserts the runs and applies them in one transaction
 * (event-store.ts `record`).
 */
export function handOffRunsWithFirstSteps(
  engine: EngineContext,
  runs: readonly NewRun[],
  write: (runs: NewRun[], firstSteps: readonly StepCommit[]) => Promise<HandedRuns>,
): Promise<HandedRuns> {
  return handOffLeases(engine, {
    wanted: runs.length,
    write: async (offer) => {
      const handoff = engine.handoff;
      if (offer === undefined || handoff === undefined) return write([...runs], []);
      const offered = runs.map((run, index) => (index < offer.count ? { ...run, lease: offer.lease, firstItemId: newId('wi', run.createdAt) } : run));
      const firstSteps = await handoff.runFirstSteps(offered.flatMap((run) => (run.firstItemId === undefined ? [] : [firstStepWork(run, run.firstItemId)])));
      return write(offered, firstSteps);
    },
    leasedOf: (handed) => handed.leased,
    committedOf: (handed) => handed.committed,
  });
}

/** A new run's first step, as the worker it is leased to gets it: the run as it will be inserted (run-queries.ts `insertRuns`). */
function firstStepWork(run: NewRun, itemId: string): ClaimedWork {
  const at = run.createdAt;
  return {
    itemId,
    stepPath: run.firstStep,
    visit: 1,
    attempt: 1,
    resume: null,
    leaseExpiries: 0,
    run: {
      id: run.id,
      workflowId: run.workflowId,
      version: run.version,
      status: RunStatus.running,
      outcome: null,
      variables: run.variables,
      trigger: run.trigger,
      error: null,
      failedStep: null,
      retryGeneration: 0,
      parentRunId: run.parentRunId ?? null,
      parentStepPath: run.parentStepPath ?? null,
      requestId: run.requestId ?? null,
      createdAt: at,
      updatedAt: at,
      finishedAt: null,
    },
  };
}

/**
 * The same for runs made inside the write (due schedules): `write` leases the
 * first steps of up to `offer.count` of at most `wanted` runs; `leasedOf`
 * says which first steps it inserted leased, which the worker runs once written.
 */
export async function handOffLeases<T>(
  engine: EngineContext,
  input: {
    wanted: number;
    write: (offer: LeaseOffer | undefined) => Promise<T>;
    leasedOf: (written: T) => readonly ClaimedWork[];
    committedOf?: (written: T) => CommittedSteps;
  },
): Promise<T> {
  const handoff = engine.handoff;
  const offer = input.wanted > 0 ? handoff?.offerLeases(input.wanted) : undefined;
  if (offer === undefined || handoff === undefined) return input.write(undefined);
  let handed: { leased: readonly ClaimedWork[]; committed?: CommittedSteps } = { leased: [] };
  try {
    const written = await input.write(offer);
    handed = { leased: input.leasedOf(written), ...(input.committedOf === undefined ? {} : { committed: input.committedOf(written) }) };
    return written;
  } finally {
    handoff.runLeased(offer, handed.leased, handed.committed);
  }
}
