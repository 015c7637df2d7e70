/**
 * The `audit_entries` table: the hash-chained audit trail. Changes that are
 * audited append their entry in their own transaction (audit-append.ts);
 * `record` is for entries that stand alone (a failed login). Reads return
 * entries exactly as stored, for listing and for `audit verify`.
 */
import type { Selectable } from 'kysely';
import type { AuditEntry, AuditEntryInput } from '../core/audit-entry.ts';
import { ConflictError } from '../core/errors.ts';
import type { JsonValue } from '../core/json.ts';
import { appendAuditEntries } from './audit-append.ts';
import { auditFilterQuery, type AuditFilter } from './audit-filter.ts';
import type { AuditEntriesTable } from './database-schema.ts';
import type { DialectDatabase } from './dialect.ts';

export type { AuditFilter } from './audit-filter.ts';

export interface AuditPage {
  /** Newest first (oldest first when listed `after` a seq). */
  items: AuditEntry[];
  /** Pass as `before` (or `after`) for the next page; null on the last page. */
  nextCursor: number | null;
}

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

  /** One entry by its seq; undefined when there is none (never written, or purged). */
  async get(seq: number): Promise<AuditEntry | undefined> {
    const row = await this.#database.db.selectFrom('audit_entries').selectAll().where('seq', '=', seq).executeTakeFirst();
    return row === undefined ? undefined : auditEntryOf(row);
  }

  /**
   * The entries `filter` selects, `limit` per page (keyset pagination): newest
   * first, older than seq `before` when given; or, with `after`, oldest first
   * from the seq after it (exports, in chain order).
   */
  async list(filter: AuditFilter, page: { limit: number; before?: number; after?: number }): Promise<AuditPage> {
    const oldestFirst = page.after !== undefined;
    let query = auditFilterQuery(this.#database.db, filter).selectAll().orderBy('seq', oldestFirst ? 'asc' : 'desc').limit(page.limit + 1);
    if (page.before !== undefined) query = query.where('seq', '<', page.before);
    if (page.after !== undefined) query = query.where('seq', '>', page.after);
    const rows = await query.execute();
    const items = rows.slice(0, page.limit).map(auditEntryOf);
    return { items, nextCursor: rows.length > page.limit ? (items.at(-1)?.seq ?? null) : null };
  }

  /**
   * Purges the entries up to `throughSeq` (retention, after their export) and
   * appends `record` (the `audit.purged` entry) in the same transaction. The
   * head row is locked first, so a concurrent purge or append waits.
   *
   * @throws ConflictError `audit_purge_conflict` when the trail moved since the caller exported it.
   */
  purgeThrough(input: { throughSeq: number; expectedPurgedThrough: number; record: AuditEntryInput }): Promise<AuditEntry> {
    return this.#database.transaction(async (trx) => {
      let query = trx.selectFrom('audit_head').select(['seq', 'purged_through']).where('id', '=', 1);
      if (this.#database.capabilities.rowLocks) query = query.forUpdate();
      const head = await query.executeTakeFirstOrThrow();
      if (Number(head.purged_through) !== input.expectedPurgedThrough || input.throughSeq > Number(head.seq) || input.throughSeq <= input.expectedPurgedThrough) {
        throw new ConflictError('audit_purge_conflict', `the audit trail was purged through seq ${Number(head.purged_through)} meanwhile (expected ${input.expectedPurgedThrough}); run the purge again`);
      }
      // The delete trigger lets through only entries at or below purged_through: raise it first.
      await trx.updateTable('audit_head').set({ purged_through: input.throughSeq }).where('id', '=', 1).execute();
      await trx.deleteFrom('audit_entries').where('seq', '<=', input.throughSeq).execute();
      const [entry] = await appendAuditEntries(trx, this.#database.capabilities, [input.record]);
      if (entry === undefined) throw new Error('appendAuditEntries appended nothing for one entry');
      return entry;
    });
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
