import type { Logger } from '../../core/logger.ts';

/**
 * One part of a long-running command: the HTTP server, the worker, and (later)
 * the Stripe sandbox and the web app. Started in order, stopped in reverse.
 */
export interface Service {
  readonly name: string;
  start(): Promise<void>;
  /** Stops taking new work and finishes what is in flight. */
  stop(): Promise<void>;
  /** One line for the banner once started, e.g. the URL it listens on. */
  describe(): string;
}

/**
 * Starts the services in order. When one fails to start, the ones already
 * started are stopped again before the error goes up.
 * @returns a function that stops them all, in reverse order.
 */
export async function startServices(services: readonly Service[], logger: Logger): Promise<() => Promise<void>> {
  const started: Service[] = [];
  const stopAll = async (): Promise<void> => {
    for (const service of [...started].reverse()) {
      try {
        await service.stop();
        logger.info({ service: service.name }, 'stopped');
      } catch (error) {
        // Keep stopping the others: a half-stopped process is worse than a logged error.
        logger.error({ service: service.name, err: error }, 'failed to stop cleanly');
      }
    }
  };
  try {
    for (const service of services) {
      await service.start();
      started.push(service);
      logger.info({ service: service.name, at: service.describe() }, 'started');
    }
  } catch (error) {
    await stopAll();
    throw error;
  }
  return stopAll;
}

/**
 * Resolves on the first SIGINT or SIGTERM. A second signal while stopping
 * exits at once, for when draining takes longer than someone wants to wait.
 */
export function waitForShutdownSignal(logger: Logger): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      const force = (again: NodeJS.Signals): void => {
        logger.warn({ signal: again }, 'second signal: exiting without waiting for in-flight work');
        process.exit(1);
      };
      process.once('SIGINT', force);
      process.once('SIGTERM', force);
      logger.info({ signal }, 'shutting down: no new work is taken, in-flight steps finish');
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
