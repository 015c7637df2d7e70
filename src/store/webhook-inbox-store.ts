/**
 * The `webhook_inbox` table: messages `webhook.post` kept locally because its
 * connector has no URL configured, one row per webhook-id. Listed by the API,
 * the CLI and the web app. Implements the webhook connector's WebhookInbox
 * (structurally: the store does not import connectors).
 */
import type { Selectable } from 'kysely';
import { newId } from '../core/ids.ts';
import type { WebhookInboxTable } from './database-schema.ts';
import type { DialectDatabase } from './dialect.ts';

export interface InboxMessageRecord {
  id: string;
  webhookId: string;
  connectorId: string;
  runId: string | null;
  stepPath: string | null;
  path: string | null;
  headers: Record<string, string>;
  body: unknown;
  reason: string;
  createdAt: Date;
}

export type NewInboxMessageRecord = Omit<InboxMessageRecord, 'id' | 'createdAt'> & { now: Date };

export interface InboxPage {
  items: InboxMessageRecord[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

export class WebhookInboxStore {
  readonly #database: DialectDatabase;

  constructor(database: DialectDatabase) {
    this.#database = database;
  }

  /** Keeps the message unless its webhook-id is already kept; returns the stored row's id either way. */
  async keepOnce(message: NewInboxMessageRecord): Promise<{ id: string; created: boolean }> {
    const id = newId('hook', message.now);
    const { db } = this.#database;
    await db
      .insertInto('webhook_inbox')
      .values({
        id,
        webhook_id: message.webhookId,
        connector_id: message.connectorId,
        run_id: message.runId,
        step_path: message.stepPath,
        path: message.path,
        headers: JSON.stringify(message.headers),
        body: JSON.stringify(message.body),
        reason: message.reason,
        created_at: message.now.getTime(),
      })
      .onConflict((oc) => oc.column('webhook_id').doNothing())
      .execute();
    const row = await db.selectFrom('webhook_inbox').select('id').where('webhook_id', '=', message.webhookId).executeTakeFirstOrThrow();
    return { id: row.id, created: row.id === id };
  }

  /** Newest first, `limit` per page (1..500, default 50), optionally one run's messages. */
  async list(options: { limit?: number; cursor?: string | null; runId?: string } = {}): Promise<InboxPage> {
    const limit = Math.min(Math.max(Math.trunc(options.limit ?? 50), 1), 500);
    let query = this.#database.db.selectFrom('webhook_inbox').selectAll().orderBy('id', 'desc').limit(limit + 1);
    if (options.cursor) query = query.where('id', '<', options.cursor);
    if (options.runId !== undefined) query = query.where('run_id', '=', options.runId);
    const rows = await query.execute();
    const items = rows.slice(0, limit).map(toRecord);
    return { items, nextCursor: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
  }

  async get(id: string): Promise<InboxMessageRecord | undefined> {
    const row = await this.#database.db.selectFrom('webhook_inbox').selectAll().where('id', '=', id).executeTakeFirst();
    return row === undefined ? undefined : toRecord(row);
  }
}

function toRecord(row: Selectable<WebhookInboxTable>): InboxMessageRecord {
  return {
    id: row.id,
    webhookId: row.webhook_id,
    connectorId: row.connector_id,
    runId: row.run_id,
    stepPath: row.step_path,
    path: row.path,
    headers: JSON.parse(row.headers) as Record<string, string>,
    body: JSON.parse(row.body) as unknown,
    reason: row.reason,
    createdAt: new Date(row.created_at),
  };
}
