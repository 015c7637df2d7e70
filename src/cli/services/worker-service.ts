import type { TollgateSystem } from '../../system/tollgate-system.ts';
import type { Service } from './service.ts';

/** The worker and the schedule runner. Stopping lets in-flight steps finish and commit. */
export function workerService(system: TollgateSystem, options: { concurrency: number }): Service {
  return {
    name: 'worker',
    start: () => system.startWorker(),
    async stop() {
      await system.schedules.stop();
      await system.worker.stop();
    },
    describe: () => `up to ${options.concurrency} steps at once (sized to the work), schedules on`,
  };
}
