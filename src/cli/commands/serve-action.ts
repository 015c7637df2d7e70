/** The action of `tollgate serve`, imported when it runs (serve-command.ts registers it). */
import { TollgateSystem } from '../../system/tollgate-system.ts';
import { createCliLogger } from '../cli-logger.ts';
import { localConfig } from '../local-config.ts';
import type { LocalOptions } from '../local-options.ts';
import { printLines } from '../output.ts';
import { tracesLines } from '../traces-line.ts';
import { httpService } from '../services/http-service.ts';
import { auditService } from '../services/audit-service.ts';
import { eventRecoveryService } from '../services/event-recovery-service.ts';
import { eventPollerService } from '../services/event-poller-service.ts';
import { runUntilSignal } from '../services/run-until-signal.ts';
import { localAccessLines, prepareLocalAccess } from '../local-access.ts';
import { deployedStripe, stripeBannerLine } from '../deployed-stripe.ts';

export async function serveCommand(options: LocalOptions): Promise<void> {
  const config = localConfig(options);
  const logger = createCliLogger(config);
  const stripe = deployedStripe(config);
  const system = await TollgateSystem.open({ config, logger, builtInConnectors: stripe.connector === undefined ? [] : [stripe.connector] });
  try {
    const http = httpService({ app: system.app, logger, host: config.host, port: config.port, security: config.serverSecurity });
    const stripeLine = await stripeBannerLine(system, stripe);
    await runUntilSignal({
      services: [
        http,
        // deployedStripe refused polling without the built-in connector.
        ...(config.stripeEvents === 'poll' && stripe.connector !== undefined ? [eventPollerService(system, stripe.connector, logger)] : []),
        ...(config.stripeEvents === 'webhook' && config.stripeRecoveryMs !== undefined ? [eventRecoveryService(system, logger, config.stripeRecoveryMs)] : []),
        auditService(system, config),
      ],
      logger,
      // As in `start`: the first admin is made once the server listens, so a failed start leaves none unseen.
      onStarted: async () => {
        system.servedAt(http.url());
        printLines(
          `Tollgate server is running at ${http.url()} (no worker: runs wait for a \`tollgate worker\`)`,
          `  database   ${system.store.describe()}`,
          stripeLine,
          ...tracesLines(config),
          ...localAccessLines(await prepareLocalAccess(system, config), http.url()),
          'Stop with Ctrl+C.',
        );
      },
    });
  } finally {
    await system.close();
  }
}
