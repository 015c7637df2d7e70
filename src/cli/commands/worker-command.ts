import type { Command } from 'commander';
import { TollgateSystem } from '../../system/tollgate-system.ts';
import { createCliLogger } from '../cli-logger.ts';
import { localConfig, withDataOption, type LocalOptions } from '../local-options.ts';
import { printLines } from '../output.ts';
import { runUntilSignal } from '../services/run-until-signal.ts';
import { workerService } from '../services/worker-service.ts';

export function registerWorkerCommand(program: Command): void {
  const command = program.command('worker').description('run the worker and the schedules only (no HTTP): add processes to run more steps at once');
  withDataOption(command);
  command.action(workerCommand);
}

async function workerCommand(options: LocalOptions): Promise<void> {
  const config = localConfig(options);
  const logger = createCliLogger(config);
  const system = await TollgateSystem.open({ config, logger });
  try {
    const worker = workerService(system, { concurrency: config.workerConcurrency });
    await runUntilSignal({
      services: [worker],
      logger,
      onStarted: () => printLines(`Tollgate worker is running: ${worker.describe()}`, `  database   ${system.store.describe()}`, 'Stop with Ctrl+C.'),
    });
  } finally {
    await system.close();
  }
}
