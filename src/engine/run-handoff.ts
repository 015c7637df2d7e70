import type { ClaimedWork, NewRun, WorkLease } from '../store/records.ts';
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
  /** After the commit: runs what was inserted under `offer` (none when the write failed), and frees the rest of its room. */
  runLeased(offer: LeaseOffer, claimed: readonly ClaimedWork[]): void;
}

/**
 * Writes new runs (`write` inserts them in one transaction and returns the
 * first steps it inserted leased), the first steps of as many as the local
 * worker has room for leased to it, and hands those to it once written.
 */
export async function handOffRuns(engine: EngineContext, runs: readonly NewRun[], write: (runs: NewRun[]) => Promise<readonly ClaimedWork[]>): Promise<readonly ClaimedWork[]> {
  const offer = runs.length > 0 ? engine.handoff?.offerLeases(runs.length) : undefined;
  if (offer === undefined || engine.handoff === undefined) return write([...runs]);
  let leased: readonly ClaimedWork[] = [];
  try {
    leased = await write(runs.map((run, index) => (index < offer.count ? { ...run, lease: offer.lease } : run)));
    return leased;
  } finally {
    engine.handoff.runLeased(offer, leased);
  }
}
