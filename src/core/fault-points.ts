/**
 * Named fault points (as DBOS has): places in the store and the engine where
 * a test can make the real code fail as the world would make it fail (a
 * dropped connection on a journal read, a busy database at commit, a process
 * killed in the middle of a step). Production passes no registry, or one with
 * nothing armed: a fault point then does nothing.
 */

export const FaultPoint = {
  /** Before a work claim reads the queue. */
  storeClaim: 'store.claim',
  /** Inside the commit transaction of a batch of step results, after its writes and before COMMIT. */
  storeCommit: 'store.commit',
  /** Before a read of a run's journal (step attempts). */
  storeJournalRead: 'store.journal.read',
  /** Before a read of a published workflow version. */
  storeDefinitionRead: 'store.definition.read',
  /** In the worker, just before a step's handler runs; the key is the step path. */
  stepRun: 'engine.step.run',
  /** In an approval step whose task is open, just before its approvers are emailed; the key is the step path. */
  approvalNotify: 'engine.approval.notify',
} as const;
export type FaultPoint = (typeof FaultPoint)[keyof typeof FaultPoint];

export interface Fault {
  /** What happens at the point: throw the error a driver would throw, or end the process. */
  act: () => void;
  /** How many hits it acts on before it disarms itself; unbounded when absent. */
  times?: number;
  /** Acts only on hits with this key (a step path for `engine.step.run`). */
  key?: string;
}

/** The faults armed in one process, passed explicitly to the store and the engine that fire them. */
export class FaultPoints {
  readonly #armed = new Map<FaultPoint, Fault>();
  readonly #hits = new Map<FaultPoint, number>();

  /** Arms `point` (replacing what was armed there) and starts its count of hits afresh. */
  arm(point: FaultPoint, fault: Fault): void {
    this.#armed.set(point, fault);
    this.#hits.set(point, 0);
  }

  disarm(point: FaultPoint): void {
    this.#armed.delete(point);
  }

  /** How many times the fault last armed at `point` has acted (also after it was disarmed). */
  hits(point: FaultPoint): number {
    return this.#hits.get(point) ?? 0;
  }

  /** Fires `point`: does what a test armed there, if anything. */
  hit(point: FaultPoint, key?: string): void {
    const fault = this.#armed.get(point);
    if (!fault || (fault.key !== undefined && fault.key !== key)) return;
    const hits = this.hits(point);
    if (fault.times !== undefined && hits >= fault.times) return;
    this.#hits.set(point, hits + 1);
    fault.act();
  }
}
