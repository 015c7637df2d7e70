import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database, EventMatchesTable, StripeEventsTable } from './database-schema.ts';
import type { DialectDatabase } from './dialect.ts';
import type { ClaimedWork, CommittedSteps, NewRun, StepCommit } from './records.ts';
import { insertRunsWithFirstSteps } from './step-commit/first-steps.ts';
import { eventObjectOf, type EventObject } from '../core/event-object.ts';
import { eventIsAbout } from './object-lookup.ts';
import { fromJson, toJson } from './row-mappers.ts';
import { preparedInsert } from './prepared-insert.ts';
import { recordReplay, type ReplayInput, type ReplayOutcome } from './event-replay-queries.ts';

export type { ReplayInput, ReplayOutcome } from './event-replay-queries.ts';

export interface ReceivedEvent {
  id: string;
  type: string;
  account: string | null;
  connectorId: string;
  livemode: boolean;
  /** Stripe's `created`, unix seconds. */
  created: number;
  payload: unknown;
  /**
   * `webhook`, `webhook_thin` (a thin event delivered by webhook, its object fetched from Stripe at receipt: triggers/thin-event.ts),
   * `poll` or `recovery` (read back from the Events API after a delivery failed: stripe-event-recovery.ts).
   */
  source: string;
  receivedAt: Date;
}

export interface EventMatch {
  workflowId: string;
  run: NewRun | null;
  /** Why: `started`, `condition_false`, `condition_error: ...`, `account_mismatch`. */
  reason: string;
}

/** What `EventStore.record` stored: per event, whether it was new; the steps it leased to be run; the first steps it committed. */
export interface RecordedEvents {
  fresh: boolean[];
  /** First steps inserted leased and not committed here, and the next steps the committed ones chained. */
  leased: ClaimedWork[];
  committed: CommittedSteps;
}

/** What one workflow did with a stored event: on arrival (generation 0) or on a replay that started it again. */
export interface StoredMatch {
  workflowId: string;
  generation: number;
  runId: string | null;
  reason: string;
  /** Set on replays: who replayed the event and when. */
  replayedBy: string | null;
  replayedAt: Date | null;
}

export interface StoredEvent extends ReceivedEvent, EventObject {
  matches: StoredMatch[];
}

/** Stripe events, stored once each by id, with the runs they started. */
export class EventStore {
  readonly #database: DialectDatabase;

  constructor(database: DialectDatabase) {
    this.#database = database;
  }

  /**
   * Stores a batch of events with their matches and runs in ONE transaction
   * (one fsync for many events). An event already stored changes nothing.
   * `firstSteps` are commits of the runs' first steps, run before the write
   * (run-handoff.ts): those of runs it stores go in the same transaction.
   * Returns, per event, whether it was new, the steps to run leased
   * (`NewRun.lease`), and the first steps committed.
   */
  async record(batch: { event: ReceivedEvent; matches: EventMatch[] }[], firstSteps: readonly StepCommit[] = []): Promise<RecordedEvents> {
    if (batch.length === 0) return { fresh: [], leased: [], committed: { commits: [], results: [] } };
    // PostgreSQL: as one statement when every event is new (an event stored before fails it on its key, and the batch goes the careful way).
    const written = await this.#database.writeAsOneStatement?.((recorder) => this.#write(recorder, batch, firstSteps, { allNew: true }));
    return written?.value ?? this.#database.transaction((trx) => this.#write(trx, batch, firstSteps, { allNew: false }));
  }

  async #write(trx: Kysely<Database>, batch: readonly { event: ReceivedEvent; matches: EventMatch[] }[], firstSteps: readonly StepCommit[], options: { allNew: boolean }): Promise<RecordedEvents> {
    const rows = batch.map(({ event }) => eventRow(event));
    let fresh: boolean[];
    if (options.allNew) {
      await insertNewEventRows.execute(trx, rows);
      fresh = batch.map(() => true);
    } else {
      // One insert for the batch's events: the ids it returns are the new ones (a stored event conflicts and is left alone).
      const stored = new Set(((await insertEventRows.execute(trx, rows)) as { id: string }[]).map((row) => row.id));
      // The first of an id the batch holds twice is the one stored.
      fresh = batch.map(({ event }) => stored.delete(event.id));
    }
    const started = batch.filter((_, index) => fresh[index]);
    const matches = started.flatMap(({ event, matches }) =>
      matches.map((match) => ({ event_id: event.id, workflow_id: match.workflowId, generation: 0, run_id: match.run?.id ?? null, reason: match.reason })),
    );
    await insertMatchRows.execute(trx, matches);
    const runs = started.flatMap(({ matches }) => matches.flatMap((match) => (match.run ? [match.run] : [])));
    const { leased, committed } = await insertRunsWithFirstSteps(trx, this.#database, { runs, firstSteps });
    return { fresh, leased, committed };
  }

  /**
   * Newest first; `about` keeps the events about that object (its id), or about what belongs to it (a customer's or a payment's id);
   * `receivedSince` and `receivedBefore` keep those received at or after, and before, a time.
   */
  async list(filter: { limit: number; cursor?: string; type?: string; about?: string; receivedSince?: Date; receivedBefore?: Date }): Promise<{ events: StoredEvent[]; nextCursor: string | null }> {
    let query = this.#database.db.selectFrom('stripe_events').selectAll();
    if (filter.type !== undefined) query = query.where('type', '=', filter.type);
    if (filter.receivedSince !== undefined) query = query.where('received_at', '>=', filter.receivedSince.getTime());
    if (filter.receivedBefore !== undefined) query = query.where('received_at', '<', filter.receivedBefore.getTime());
    const about = filter.about;
    if (about !== undefined) query = query.where((eb) => eventIsAbout(eb, about));
    if (filter.cursor !== undefined) {
      const [at, id] = filter.cursor.split('|');
      query = query.where((eb) => eb.or([eb('received_at', '<', Number(at)), eb.and([eb('received_at', '=', Number(at)), eb('id', '<', id ?? '')])]));
    }
    const rows = await query.orderBy('received_at', 'desc').orderBy('id', 'desc').limit(filter.limit + 1).execute();
    const page = rows.slice(0, filter.limit);
    const matches = page.length === 0 ? [] : await this.#database.db.selectFrom('event_matches').selectAll().where('event_id', 'in', page.map((row) => row.id)).orderBy('workflow_id').orderBy('generation').execute();
    const events = page.map((row) => toStoredEvent(row, matches.filter((match) => match.event_id === row.id)));
    const last = page.at(-1);
    return { events, nextCursor: rows.length > filter.limit && last ? `${last.received_at}|${last.id}` : null };
  }

  /** One event by id, with the runs it started (or why none). */
  async get(id: string): Promise<StoredEvent | undefined> {
    const { db } = this.#database;
    const row = await db.selectFrom('stripe_events').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return undefined;
    const matches = await db.selectFrom('event_matches').selectAll().where('event_id', '=', id).orderBy('workflow_id').orderBy('generation').execute();
    return toStoredEvent(row, matches);
  }

  /** Which of `ids` are stored (a page of events at a time: the ids go in one statement). */
  async storedIds(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.#database.db.selectFrom('stripe_events').select('id').where('id', 'in', [...ids]).execute();
    return new Set(rows.map((row) => row.id));
  }

  /**
   * The connected accounts whose events this connector received since `since`,
   * the most recently seen first, at most `limit` (served by a partial index
   * that holds only connected accounts' events).
   */
  async connectedAccounts(connectorId: string, since: Date, limit: number): Promise<string[]> {
    const rows = await this.#database.db
      .selectFrom('stripe_events')
      .select((eb) => ['account', eb.fn.max('received_at').as('seen')])
      .where('connector_id', '=', connectorId)
      .where('account', 'is not', null)
      .where('received_at', '>=', since.getTime())
      .groupBy('account')
      .orderBy('seen', 'desc')
      .orderBy('account')
      .limit(limit)
      .execute();
    return rows.flatMap((row) => (row.account === null ? [] : [row.account]));
  }

  /**
   * Records a replay of a stored event: starts the runs of `matches` in one
   * transaction, each as the next generation of its workflow for this event.
   * Without `force`, a workflow that already has a run from the event is left
   * alone. The event's row is locked (or SQLite's single writer) and the
   * (event, workflow, generation) key is unique, so two replays at once never
   * both start a run where none existed.
   */
  replay(input: ReplayInput): Promise<ReplayOutcome[]> {
    return recordReplay(this.#database, input);
  }

  /**
   * Events of some types received in a window, newest first, one page at a
   * time (a backtest replays them); `types: null` takes every type. Uses the
   * (type, received_at) index.
   */
  async listInWindow(filter: EventWindow & { limit: number; before?: { at: number; id: string } }): Promise<ReceivedEvent[]> {
    let query = windowQuery(this.#database, filter).selectAll();
    const before = filter.before;
    if (before !== undefined) {
      query = query.where((eb) => eb.or([eb('received_at', '<', before.at), eb.and([eb('received_at', '=', before.at), eb('id', '<', before.id)])]));
    }
    const rows = await query.orderBy('received_at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
    return rows.map((row) => toStoredEvent(row, []));
  }

  /** How many events `listInWindow` would page through. */
  async countInWindow(filter: EventWindow): Promise<number> {
    const row = await windowQuery(this.#database, filter).select((eb) => eb.fn.countAll<number | string>().as('count')).executeTakeFirst();
    return Number(row?.count ?? 0);
  }

  async getCursor(name: string): Promise<string | undefined> {
    const row = await this.#database.db.selectFrom('cursors').select('value').where('name', '=', name).executeTakeFirst();
    return row?.value;
  }

  async setCursor(name: string, value: string, now: Date): Promise<void> {
    await this.#database.db
      .insertInto('cursors')
      .values({ name, value, updated_at: now.getTime() })
      .onConflict((oc) => oc.column('name').doUpdateSet({ value, updated_at: now.getTime() }))
      .execute();
  }
}

const insertEventRows = preparedInsert<Insertable<StripeEventsTable>>((db, rows) =>
  db.insertInto('stripe_events').values(rows).onConflict((oc) => oc.column('id').doNothing()).returning('id'),
);

/** Events all new: a stored one fails the statement on its key. */
const insertNewEventRows = preparedInsert<Insertable<StripeEventsTable>>((db, rows) => db.insertInto('stripe_events').values(rows));

const insertMatchRows = preparedInsert<Insertable<EventMatchesTable>>((db, rows) => db.insertInto('event_matches').values(rows));

function eventRow(event: ReceivedEvent): Insertable<StripeEventsTable> {
  const { objectId, customerId, chargeId, paymentIntentId } = eventObjectOf(event.payload);
  return {
    id: event.id,
    type: event.type,
    account: event.account,
    connector_id: event.connectorId,
    livemode: event.livemode ? 1 : 0,
    created: event.created,
    payload: toJson(event.payload) ?? 'null',
    source: event.source,
    received_at: event.receivedAt.getTime(),
    object_id: objectId,
    customer_id: customerId,
    charge_id: chargeId,
    payment_intent_id: paymentIntentId,
  };
}

/** Which events a backtest takes: of these types (null: all), received from `since` up to `until` (either open). */
export interface EventWindow {
  types: readonly string[] | null;
  since: Date | null;
  until: Date | null;
}

function windowQuery(database: DialectDatabase, filter: EventWindow) {
  let query = database.db.selectFrom('stripe_events');
  if (filter.types !== null) query = query.where('type', 'in', filter.types.length === 0 ? [''] : [...filter.types]);
  if (filter.since !== null) query = query.where('received_at', '>=', filter.since.getTime());
  if (filter.until !== null) query = query.where('received_at', '<=', filter.until.getTime());
  return query;
}

function toStoredEvent(row: Selectable<StripeEventsTable>, matches: Selectable<EventMatchesTable>[]): StoredEvent {
  return {
    id: row.id,
    type: row.type,
    account: row.account,
    connectorId: row.connector_id,
    livemode: row.livemode === 1,
    created: row.created,
    payload: fromJson(row.payload),
    source: row.source,
    receivedAt: new Date(row.received_at),
    objectId: row.object_id,
    customerId: row.customer_id,
    chargeId: row.charge_id,
    paymentIntentId: row.payment_intent_id,
    matches: matches.map((match) => ({
      workflowId: match.workflow_id,
      generation: match.generation,
      runId: match.run_id,
      reason: match.reason,
      replayedBy: match.replayed_by,
      replayedAt: match.replayed_at === null ? null : new Date(match.replayed_at),
    })),
  };
}
