import { Counter, Gauge, type Registry } from 'prom-client';
import type { WorkerCounts } from '../engine/worker.ts';

/** The worker of this process as its metrics read it; a function, as the worker is made after the metrics. */
export interface WorkerReadings {
  concurrency(): number;
  counts(): WorkerCounts;
}

/** The counters taken from WorkerCounts on each scrape, with their names and help. */
const WORKER_COUNTERS: readonly { name: string; help: string; count: keyof Omit<WorkerCounts, 'inFlight'> }[] = [
  { name: 'tollgate_worker_claimed_total', help: 'Work items the worker of this process took from the queue by claiming', count: 'claimed' },
  {
    name: 'tollgate_worker_lease_expiries_total',
    help: 'Work items the worker of this process claimed after an earlier lease on them ran out without a result (a worker crashed, was killed or stalled)',
    count: 'claimedAfterLeaseExpiry',
  },
  { name: 'tollgate_worker_claim_failures_total', help: 'Looks at the queue that failed because the database did not answer (each retried after a backoff)', count: 'claimFailures' },
  { name: 'tollgate_worker_commit_failures_total', help: 'Batches of step results whose write failed (kept and written when the database is back, or run again after their leases)', count: 'commitFailures' },
];

/** The worker of this process: how many steps it may and does run now, and what it has claimed and failed to write. Steps by outcome are tollgate_step_attempts_total. */
export function registerWorkerMetrics(registry: Registry, worker: WorkerReadings): void {
  new Gauge({
    name: 'tollgate_worker_concurrency',
    help: 'Steps the worker of this process may run at once now (it sizes this to the work)',
    registers: [registry],
    collect() {
      this.set(worker.concurrency());
    },
  });
  new Gauge({
    name: 'tollgate_worker_steps_in_flight',
    help: 'Steps the worker of this process is running now, or whose results wait to be written',
    registers: [registry],
    collect() {
      this.set(worker.counts().inFlight);
    },
  });
  for (const { name, help, count } of WORKER_COUNTERS) {
    let counted = 0;
    new Counter({
      name,
      help,
      registers: [registry],
      collect() {
        const now = worker.counts()[count];
        this.inc(now - counted);
        counted = now;
      },
    });
  }
}
