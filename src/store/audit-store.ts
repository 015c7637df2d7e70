/**
 * The `audit_entries` table: the hash-chained audit trail. Changes that are
 * audited append their entry in their own transaction (audit-append.ts);
 * `record` is for entries that stand alone (a failed login). Reads return
 * entries exactly as stored, for listing and for `audit verify`.
 */
import type { Selectable } from 'kysely';
import type { AuditEntry, AuditEntryInput } from '../core/audit-entry.ts';
import type { JsonValue } from '../core/json.ts';
import { appendAuditEntries } from './audit-append.ts';
import type { AuditEntriesTable } from './database-schema.ts';
import type { DialectDatabase } from './dialect.ts';

export interface AuditHead {
  /** The last entry's seq (0 when the trail is empty). */
  seq: number;
  /** The last entry's hash: the anchor an outside copy compares with. */
  hash: string;
  /** Entries up to this seq were purged by retention (0 when none). */
  purgedThrough: number;
}

export class AuditStore {
  readonly #database: DialectDatabase;

  constructor(database: DialectDatabase) {
    this.#database = database;
  }

  /** Appends entries in a transaction of their own. */
  record(entries: readonly AuditEntryInput[]): Promise<AuditEntry[]> {
    return this.#database.transaction((trx) => appendAuditEntries(trx, this.#database.capabilities, entries));
  }

  async head(): Promise<AuditHead> {
    const row = await this.#database.db.selectFrom('audit_head').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
    return { seq: Number(row.seq), hash: row.hash, purgedThrough: Number(row.purged_through) };
  }

  /** Up to `limit` entries from `afterSeq + 1` on, in seq order, as stored (for verify and export). */
  async entriesAfter(afterSeq: number, limit: number): Promise<AuditEntry[]> {
    const rows = await this.#database.db.selectFrom('audit_entries').selectAll().where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();
    return rows.map(auditEntryOf);
  }
}

/** A stored row as an entry, exactly as stored: an unknown action stays as it is (verify must see what is there). */
export function auditEntryOf(row: Selectable<AuditEntriesTable>): AuditEntry {
  return {
    seq: Number(row.seq),
    at: new Date(Number(row.at)),
    actor: { type: row.actor_type, id: row.actor_id, ...(row.actor_via === null ? {} : { via: row.actor_via }) },
    action: row.action as AuditEntry['action'],
    target: { type: row.target_type, id: row.target_id },
    serviceId: row.service_id,
    offeringId: row.offering_id,
    detail: JSON.parse(row.detail) as Record<string, JsonValue>,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
