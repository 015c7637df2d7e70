/** The action of `tollgate start`, imported when it runs (start-command.ts registers it). */
import { resolve } from 'node:path';
import { TollgateSystem } from '../../system/tollgate-system.ts';
import { createCliLogger } from '../cli-logger.ts';
import { localConfig } from '../local-config.ts';
import type { LocalOptions } from '../local-options.ts';
import { printLines } from '../output.ts';
import { tracesLines } from '../traces-line.ts';
import { httpService } from '../services/http-service.ts';
import { runUntilSignal } from '../services/run-until-signal.ts';
import type { Service } from '../services/service.ts';
import { workerService } from '../services/worker-service.ts';
import { auditService } from '../services/audit-service.ts';
import { setUpStripe } from '../../system/stripe-setup.ts';
import { sandboxTestEvents } from '../../system/sandbox-test-events.ts';
import { stripeService } from '../services/stripe-service.ts';
import { eventPollerService } from '../services/event-poller-service.ts';
import { eventRecoveryService } from '../services/event-recovery-service.ts';
import { workflowSummary } from '../workflow-summary.ts';
import { loadStartDefinitions, type StartDefinitions } from '../start-definitions.ts';
import { localAccessLines, prepareLocalAccess } from '../local-access.ts';
import { connectorsLackingEnv, type ConnectorLackingEnv } from '../../system/connector-resolver.ts';
import { withLoopbackAllowed } from '../../system/outbound-settings.ts';

interface StartOptions extends LocalOptions {
  file?: string[];
  examples: boolean;
}

export async function startCommand(options: StartOptions): Promise<void> {
  const localSettings = localConfig(options);
  const logger = createCliLogger(localSettings);
  const stripe = await setUpStripe(localSettings, { host: localSettings.host });
  // A trial against the sandbox runs on one machine: its workflows may post to receivers here. With a real key, only TOLLGATE_OUTBOUND_ALLOW counts.
  const config = stripe.sandbox === undefined ? localSettings : withLoopbackAllowed(localSettings);
  const sandbox = stripe.sandbox === undefined ? {} : { sandbox: sandboxTestEvents(stripe.sandbox) };
  const system = await TollgateSystem.open({ config, logger, builtInConnectors: [stripe.connector], ...sandbox }).catch(async (error: unknown) => {
    await stripe.stop();
    throw error;
  });
  try {
    const loaded = await loadStartDefinitions(system, { files: options.file ?? [], examples: options.examples, logger });
    const http = httpService({ app: system.app, logger, host: config.host, port: config.port, security: config.serverSecurity });
    // Started in this order, stopped in reverse: the server stops accepting before the worker drains.
    const services: Service[] = [
      workerService(system, { concurrency: config.workerConcurrency }),
      http,
      stripeService(stripe, () => http.url()),
      ...(config.stripeEvents === 'poll' ? [eventPollerService(system, stripe.connector, logger)] : []),
      ...(config.stripeEvents === 'webhook' && config.stripeRecoveryMs !== undefined ? [eventRecoveryService(system, logger, config.stripeRecoveryMs)] : []),
      auditService(system, config),
    ];
    const workflows = await workflowSummary(system);
    const lacking = connectorsLackingEnv(await system.store.listConnectors(), process.env, storedNames(await system.app.connectorVariables?.stored()));
    await runUntilSignal({
      services,
      logger,
      // The first admin is made only once everything listens: a start that fails shows no password, so it makes none.
      onStarted: async () => {
        system.servedAt(http.url());
        printLines(
          `Tollgate is running at ${http.url()}`,
          `  data       ${resolve(config.dataDir)}`,
          `  database   ${system.store.describe()}`,
          ...tracesLines(config),
          ...localAccessLines(await prepareLocalAccess(system, config), http.url()),
          ...services.filter((service) => service !== http).map((service) => `  ${service.name.padEnd(10)} ${service.describe()}`),
          `  workflows  ${workflows}`,
          ...examplesLine(loaded),
          ...(config.outboundAllow === '' ? [] : [`  outbound   also reaches ${config.outboundAllow}${config === localSettings ? '' : ' (loopback: Stripe sandbox mode)'}`]),
          ...lacking.map(connectorLine),
          'Stop with Ctrl+C.',
        );
      },
    });
  } finally {
    await system.close();
    await stripe.stop();
  }
}

/** A connector whose variables are unset: where its messages go meanwhile, or that its steps fail. */
function connectorLine(connector: ConnectorLackingEnv): string {
  const lacks = `  connector  ${connector.id} (${connector.type}) lacks ${connector.variables.join(', ')}`;
  // webhook.post keeps its messages in the local inbox while the connector has no URL.
  if (connector.type === 'webhook' && connector.keys.includes('url')) return `${lacks}: its messages go to the webhook inbox (\`tollgate inbox list\`)`;
  return `${lacks}: steps that use it fail until it is set`;
}

function examplesLine(loaded: StartDefinitions): string[] {
  switch (loaded.examples) {
    case 'seeded':
      return ['  examples   seeded into the new database'];
    case 'invalid':
      return ['  examples   not loaded (see the warning above)'];
    case 'kept':
    case 'off':
    case 'missing':
      return [];
    default: {
      const unknown: never = loaded.examples;
      return unknown;
    }
  }
}

/** Connector id -> the variables stored for it in Settings. */
function storedNames(stored: readonly { connectorId: string; name: string }[] = []): Map<string, Set<string>> {
  const names = new Map<string, Set<string>>();
  for (const item of stored) names.set(item.connectorId, (names.get(item.connectorId) ?? new Set()).add(item.name));
  return names;
}
