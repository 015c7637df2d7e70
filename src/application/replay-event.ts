/** `tollgate events replay`: a stored Stripe event matched again against today's workflows. */
import { replayStoredEvent, type ReplayOutcome } from '../triggers/event-replay.ts';
import type { AppContext } from './app-context.ts';
import { receivedEvent } from './received-events.ts';

/**
 * Without `force`, starts runs only for the workflows the event has not started
 * yet (published since, or whose condition was false and has been fixed);
 * with `force`, starts every matching workflow again. Runs it started before
 * are left as they are. Wakes the local worker when it started a run.
 * @throws NotFoundError `event_not_found`
 */
export async function replayEvent(app: AppContext, input: { eventId: string; force: boolean; by: string | null }): Promise<ReplayOutcome[]> {
  const event = await receivedEvent(app, input.eventId);
  const outcomes = await replayStoredEvent(app.engine, app.events, { event, force: input.force, by: input.by });
  if (outcomes.some((outcome) => outcome.result === 'started')) app.wakeWorker();
  return outcomes;
}
