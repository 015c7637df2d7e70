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
  // The worker's --port is its metrics listener's, not the server's TOLLGATE_PORT.
  const config = localConfig({ ...options, port: undefined, ...(options.port === undefined ? {} : { workerPort: options.port }) });
  const logger = createCliLogger(config);
  const stripe = deployedStripe(config);
  const system = await TollgateSystem.open({ config, logger, builtInConnectors: stripe.connector === undefined ? [] : [stripe.connector] });
  try {
    const worker = workerService(system, { concurrency: config.workerConcurrency });
    // Loaded only with a port: a worker without one loads no HTTP server.
    const probes =
      config.workerPort === undefined
        ? undefined
        : (await import('../services/http-service.ts')).httpService({ app: system.app, logger, host: config.host, port: config.workerPort, security: config.serverSecurity, surface: 'operations', portSetting: '--port or TOLLGATE_WORKER_PORT' });
    const stripeLine = await stripeBannerLine(system, stripe);
    await runUntilSignal({
      // The probes answer from the start; /readyz says whether the database does.
      services: probes === undefined ? [worker] : [probes, worker],
      logger,
      onStarted: () =>
        printLines(
          `Tollgate worker is running: ${worker.describe()}`,
          `  database   ${system.store.describe()}`,
          probes === undefined ? '  metrics    none here (give --port or TOLLGATE_WORKER_PORT for /metrics, /healthz and /readyz)' : `  metrics    ${probes.url()}/metrics (permission metrics.read), ${probes.url()}/healthz, ${probes.url()}/readyz`,
          stripeLine,
          ...tracesLines(config),
          'Stop with Ctrl+C.',
        ),
    });
  } finally {
    await system.close();
  }
}
