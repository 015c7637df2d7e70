import type { AppContext } from './app-context.ts';

export interface Readiness {
  /** The store's dialect; where it lives stays private (the probe needs no credentials). */
  store: 'sqlite' | 'postgres';
}

/**
 * Checks the store answers a query, for the readiness probe.
 * @throws whatever the store throws when it cannot answer.
 */
export async function checkReadiness(app: AppContext): Promise<Readiness> {
  await app.engine.store.nextDueAt();
  return { store: app.engine.store.capabilities.name };
}
