import { eventLoopTurn } from '../core/event-loop-turn.ts';
import { InvalidInputError } from '../core/errors.ts';
import type { EngineContext } from '../engine/engine-context.ts';
import { handOffRunsWithFirstSteps } from '../engine/run-handoff.ts';
import type { EventStore, ReceivedEvent } from '../store/event-store.ts';
import { eventListeners, matchEvent } from './event-matching.ts';
import { verifyStripeSignature, type VerifiedEvent } from './stripe-signature.ts';
import { fetchThinEventObject, intakeIdOf, readThinEvent, snapshotOfThinEvent, THIN_EVENT_OBJECT, THIN_EVENT_SOURCE, type FetchRelatedObject } from './thin-event.ts';

export interface IntakeResult {
  eventId: string;
  duplicate: boolean;
  runs: string[];
}

export interface StripeEventIntakeOptions {
  engine: EngineContext;
  events: EventStore;
  /** The webhook signing secrets of a stripe connector (throws if there is no such connector). */
  secretsFor: (connectorId: string) => Promise<string[]>;
  toleranceSeconds?: number;
  /** Fetches a thin event's related object through the connector's Stripe client (thin-event.ts). */
  fetchRelatedObject: FetchRelatedObject;
  /** Told when the worker should look for new runs. */
  onRunsCreated?: () => void;
}

interface Pending {
  event: ReceivedEvent;
  resolve: (result: IntakeResult) => void;
  reject: (error: unknown) => void;
}

/**
 * Takes Stripe events in: verifies, then stores each once by id with the
 * runs it starts, in the same transaction, before answering. Events arriving
 * together are written together: one commit (one fsync) for a batch, so an
 * acknowledged event survives power loss without a commit per event. When a
 * batch fails, its events are written one by one: an event's fate is its own.
 */
export class StripeEventIntake {
  readonly #options: StripeEventIntakeOptions;
  #pending: Pending[] = [];
  #flushing: Promise<void> | undefined;

  constructor(options: StripeEventIntakeOptions) {
    this.#options = options;
  }

  /**
   * A signed webhook delivery: a snapshot event, or a thin one whose object is fetched first. A bad or missing
   * signature throws `signature_invalid`; a thin event's errors are thin-event.ts's. Either way nothing is stored.
   */
  async receiveWebhook(input: { connectorId: string; rawBody: string | Buffer; signature: string | undefined }): Promise<IntakeResult> {
    const secrets = await this.#options.secretsFor(input.connectorId);
    const verified = verifyStripeSignature({ rawBody: input.rawBody, header: input.signature, secrets, toleranceSeconds: this.#options.toleranceSeconds ?? 300 });
    // The one look a snapshot delivery pays for thin events.
    if (verified.object === THIN_EVENT_OBJECT) return this.#receiveThin(input.connectorId, verified as unknown as Record<string, unknown>);
    return this.accept(verified, { connectorId: input.connectorId, source: 'webhook' });
  }

  async #receiveThin(connectorId: string, body: Record<string, unknown>): Promise<IntakeResult> {
    const thin = readThinEvent(body);
    // A redelivery of an event taken in before (thin, or as its snapshot event) asks Stripe nothing (its object may be
    // gone by now): it is a duplicate.
    const id = intakeIdOf(thin);
    if ((await this.#options.events.storedIds([id])).size > 0) return { eventId: id, duplicate: true, runs: [] };
    const object = await fetchThinEventObject(this.#options.fetchRelatedObject, connectorId, thin);
    return this.accept(snapshotOfThinEvent(thin, object), { connectorId, source: THIN_EVENT_SOURCE });
  }

  /** An event already trusted (read from the Events API by the poller). */
  accept(event: VerifiedEvent, origin: { connectorId: string; source: string }): Promise<IntakeResult> {
    if (typeof event.id !== 'string' || typeof event.type !== 'string') {
      return Promise.reject(new InvalidInputError('event_invalid', 'the event has no id or type; send a Stripe event object', [], { path: 'body' }));
    }
    const received: ReceivedEvent = {
      id: event.id,
      type: event.type,
      account: event.account ?? null,
      connectorId: origin.connectorId,
      livemode: event.livemode,
      created: event.created,
      payload: event,
      source: origin.source,
      receivedAt: this.#options.engine.clock.now(),
    };
    return new Promise((resolve, reject) => {
      this.#pending.push({ event: received, resolve, reject });
      this.#flushing ??= this.#flush();
    });
  }

  /** Resolves when every event handed in so far is written (for a graceful stop). */
  async drain(): Promise<void> {
    await this.#flushing;
  }

  async #flush(): Promise<void> {
    // Let the requests that arrived in the same tick join the batch.
    await eventLoopTurn();
    while (this.#pending.length > 0) {
      const batch = this.#pending;
      this.#pending = [];
      try {
        await this.#write(batch);
      } catch (error) {
        if (batch.length === 1) batch[0]?.reject(error);
        else await this.#writeEachAlone(batch);
      }
    }
    // In the same step as the last look at #pending: an event handed in from now on starts a flush of its own. (Cleared
    // in a `.finally` instead, a caller resumed by its event's answer could hand in the next one in between, and wait forever.)
    this.#flushing = undefined;
  }

  /**
   * After a batch's commit failed (nothing of it was stored), each event is
   * written on its own, so one event that cannot be stored fails only its own
   * delivery. Events are stored once by id, so writing again is safe.
   */
  async #writeEachAlone(batch: Pending[]): Promise<void> {
    for (const entry of batch) {
      try {
        await this.#write([entry]);
      } catch (error) {
        entry.reject(error);
      }
    }
  }

  async #write(batch: Pending[]): Promise<void> {
    const { engine, events } = this.#options;
    // No look for events stored before: the insert keyed by id tells (a redelivery is matched for nothing, and starts nothing).
    const fresh = batch.filter((entry, index) => batch.findIndex((other) => other.event.id === entry.event.id) === index);
    const listeners = await eventListeners(engine);
    const records = await Promise.all(fresh.map(async (entry) => ({ entry, matches: await matchEvent(engine, listeners, entry.event) })));
    const runs = records.flatMap(({ matches }) => matches.flatMap((match) => (match.run ? [match.run] : [])));
    let stored: boolean[] = [];
    let unleased = false;
    // The first steps the local worker can run without calling out commit with the events (run-handoff.ts).
    await handOffRunsWithFirstSteps(engine, runs, async (offered, firstSteps) => {
      const asOffered = new Map(offered.map((run) => [run.id, run]));
      const ran = new Set(firstSteps.map((commit) => commit.runId));
      unleased = offered.some((run) => run.lease === undefined && !ran.has(run.id));
      const recorded = await events.record(
        records.map(({ entry, matches }) => ({ event: entry.event, matches: matches.map((match) => (match.run ? { ...match, run: asOffered.get(match.run.id) ?? match.run } : match)) })),
        firstSteps,
      );
      stored = recorded.fresh;
      return recorded;
    });
    const runsById = new Map<string, string[]>();
    records.forEach(({ entry, matches }, index) => {
      if (stored[index]) runsById.set(entry.event.id, matches.flatMap((match) => (match.run ? [match.run.id] : [])));
    });
    // The local worker runs the leased first steps already; the others wait in the queue for a worker to look.
    if (unleased) this.#options.onRunsCreated?.();
    for (const entry of batch) {
      const runs = runsById.get(entry.event.id);
      entry.resolve({ eventId: entry.event.id, duplicate: runs === undefined, runs: runs ?? [] });
      runsById.delete(entry.event.id);
    }
  }
}
