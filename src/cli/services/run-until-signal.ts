import type { Logger } from '../../core/logger.ts';
import { startServices, waitForShutdownSignal, type Service } from './service.ts';

/**
 * Starts the services, calls `onStarted` (the banner), then runs until SIGINT
 * or SIGTERM and stops them in reverse order: the HTTP server stops accepting
 * first, then the worker drains. The caller closes the store afterwards.
 * When `onStarted` fails, the services stop and the error goes up. The
 * signals are listened for before the banner: a supervisor that stops the
 * process as soon as it reads it gets a graceful stop, not the default death.
 */
export async function runUntilSignal(options: { services: readonly Service[]; logger: Logger; onStarted: () => void | Promise<void> }): Promise<void> {
  const stop = await startServices(options.services, options.logger);
  const signalled = waitForShutdownSignal(options.logger);
  try {
    await options.onStarted();
  } catch (error) {
    await stop();
    throw error;
  }
  await signalled;
  await stop();
}
