import type { StepCommit } from '../store/records.ts';

/** The delay before a step that met a database outage runs again: 1 to 2 s, spread so steps do not return together. */
const OUTAGE_RETRY_MS = 1000;

/**
 * What to commit when the store failed under a step (reading its definition
 * or journal, or inside the step): nothing of the attempt, no journal row, the
 * same attempt number and wake-up, only "run this step again shortly". The
 * run does not fail for an outage. If the database is still down this commit
 * fails too, and the worker keeps it until it can be written.
 */
export function retryAfterOutage(base: Pick<StepCommit, 'itemId' | 'owner' | 'runId'>, now: Date, random: () => number = Math.random): StepCommit {
  const delay = OUTAGE_RETRY_MS + random() * OUTAGE_RETRY_MS;
  return { ...base, kind: 'outage', retryAt: new Date(now.getTime() + delay) };
}
