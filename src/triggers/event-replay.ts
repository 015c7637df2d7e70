import type { EngineContext } from '../engine/engine-context.ts';
import type { EventStore, ReceivedEvent, ReplayOutcome } from '../store/event-store.ts';
import { eventListeners, matchEvent } from './event-matching.ts';

export type { ReplayOutcome } from '../store/event-store.ts';

/**
 * Matches a stored event again against the workflows as they are now and
 * starts the runs that follow (see `EventStore.replay`). Each new run has a
 * new run id, and a run id is the root of every idempotency key its steps
 * send (`tg:<run>:<step>`, idempotency-key.ts): a forced replay is a new
 * intent whose calls Stripe will not mistake for the first run's.
 */
export async function replayStoredEvent(engine: EngineContext, events: EventStore, input: { event: ReceivedEvent; force: boolean; by: string | null }): Promise<ReplayOutcome[]> {
  const at = engine.clock.now();
  const listeners = await eventListeners(engine);
  const matches = await matchEvent(engine, listeners, input.event, { at, trigger: { replayed_by: input.by, forced: input.force } });
  return events.replay({ eventId: input.event.id, matches, force: input.force, by: input.by, at });
}
