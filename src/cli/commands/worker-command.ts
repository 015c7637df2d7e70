import type { Command } from 'commander';
import { lazyAction } from '../lazy-action.ts';
import { withDataOption, withWorkerListenOptions } from '../local-options.ts';

export function registerWorkerCommand(program: Command): void {
  const command = program
    .command('worker')
    .description('run the worker and the schedules only (no API; with --port, /metrics and health probes): add processes to run more steps at once');
  withDataOption(command);
  withWorkerListenOptions(command);
  command.action(lazyAction(() => import('./worker-action.ts'), 'workerCommand'));
}
