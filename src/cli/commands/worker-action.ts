/** The action of `tollgate worker`, imported when it runs (worker-command.ts registers it). */
import { TollgateSystem } from '../../system/tollgate-system.ts';
import { createCliLogger } from '../cli-logger.ts';
import { localConfig } from '../local-config.ts';
import type { LocalOptions } from '../local-options.ts';
import { printLines } from '../output.ts';
import { tracesLines } from '../traces-line.ts';
import { runUntilSignal } from '../services/run-until-signal.ts';
import { workerService } from '../services/worker-service.ts';
import { deployedStripe, stripeBannerLine } from '../deployed-stripe.ts';

export async function workerCommand(options: LocalOptions): Promise<void> {
  const config = localConfig(options);
  const logger = createCliLogger(config);
  const stripe = deployedStripe(config);
  const system = await TollgateSystem.open({ config, logger, builtInConnectors: stripe.connector === undefined ? [] : [stripe.connector] });
  try {
    const worker = workerService(system, { concurrency: config.workerConcurrency });
    const stripeLine = await stripeBannerLine(system, stripe);
    await runUntilSignal({
      services: [worker],
      logger,
      onStarted: () => printLines(`Tollgate worker is running: ${worker.describe()}`, `  database   ${system.store.describe()}`, stripeLine, ...tracesLines(config), 'Stop with Ctrl+C.'),
    });
  } finally {
    await system.close();
  }
}
