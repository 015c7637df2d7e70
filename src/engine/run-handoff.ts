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
export function handOffRuns(engine: EngineContext, runs: readonly NewRun[], write: (runs: NewRun[]) => Promise<readonly ClaimedWork[]>): Promise<readonly ClaimedWork[]> {
  return handOffLeases(engine, {
    wanted: runs.length,
    write: (offer) => write(runs.map((run, index) => (offer !== undefined && index < offer.count ? { ...run, lease: offer.lease } : run))),
    leasedOf: (leased) => leased,
  });
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
