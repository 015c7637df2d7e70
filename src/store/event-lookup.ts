/**
 * One received Stripe event by id, with the runs it started (or why none).
 * EventStore writes and lists events; this reads one, for GET /api/v1/events/:id.
 */
import type { DialectDatabase } from './dialect.ts';
import type { StoredEvent } from './event-store.ts';
import { fromJson } from './row-mappers.ts';

export class EventLookup {
  readonly #database: DialectDatabase;

  constructor(database: DialectDatabase) {
    this.#database = database;
  }

  async get(id: string): Promise<StoredEvent | undefined> {
    const { db } = this.#database;
    const row = await db.selectFrom('stripe_events').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return undefined;
    const matches = await db.selectFrom('event_matches').selectAll().where('event_id', '=', id).orderBy('workflow_id').execute();
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
      matches: matches.map((match) => ({ workflowId: match.workflow_id, runId: match.run_id, reason: match.reason })),
    };
  }
}
