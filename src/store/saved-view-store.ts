/**
 * The `saved_views` table (migration 0027): a person's named filters of one
 * list page, kept as the page's query string, shared with a team or not.
 * The table is this module's own: its row shape lives here and is added to
 * the query builder with `withTables`. Who may see or change a view is the
 * caller's to decide (application/saved-views.ts); the store keeps rows.
 */
import type { Kysely, Selectable } from 'kysely';
import type { ViewPage } from '../core/saved-view-pages.ts';
import { appendAudit, type AuditInput } from './audit-input.ts';
import type { Database } from './database-schema.ts';
import type { DialectDatabase } from './dialect.ts';

type SavedViewsTable = {
  id: string;
  page: string;
  name: string;
  /** The name in lowercase: unique per owner and page. */
  name_key: string;
  query: string;
  owner_user_id: string;
  team_id: string | null;
  created_at: number;
  updated_at: number;
};

/** The columns of `users` (identity-store.ts) a listing shows of a view's owner. */
type OwnerColumns = { id: string; email: string; disabled: number };

type SavedViewTables = { saved_views: SavedViewsTable; users: OwnerColumns };

type SavedViewDb = Kysely<Database & SavedViewTables>;

export interface SavedViewRecord {
  /** `view_…`. */
  id: string;
  page: ViewPage;
  name: string;
  /** The page's query string without the `?` (`status=failed&workflow=refund`); empty: no filter. */
  query: string;
  ownerUserId: string;
  /** The team it is shared with; null: its owner's alone. */
  teamId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A view with who owns it. */
export interface StoredSavedView extends SavedViewRecord {
  ownerEmail: string;
  /** The owner can no longer sign in; their shared views still show to the team. */
  ownerDisabled: boolean;
}

export type SavedViewChanges = Partial<Pick<SavedViewRecord, 'name' | 'query' | 'teamId'>>;

/** Whose views a listing holds: a person's own and those shared with their teams; left out, everyone's. */
export interface SavedViewFilter {
  page?: ViewPage;
  visibleTo?: { userId: string; teamIds: readonly string[] };
}

/** How names compare: without case, so "Failed today" and "failed today" are one name. */
export function savedViewNameKey(name: string): string {
  return name.toLowerCase();
}

export class SavedViewStore {
  readonly #database: DialectDatabase;

  constructor(database: DialectDatabase) {
    this.#database = database;
  }

  get #db(): SavedViewDb {
    return this.#database.db.withTables<SavedViewTables>();
  }

  /** Inserts a view; false (and nothing written, `audit` neither) when its owner has a view of that name on the page. */
  async insert(view: SavedViewRecord, audit?: AuditInput): Promise<boolean> {
    return this.#database.transaction(async (trx) => {
      const result = await trx
        .withTables<SavedViewTables>()
        .insertInto('saved_views')
        .values({
          id: view.id,
          page: view.page,
          name: view.name,
          name_key: savedViewNameKey(view.name),
          query: view.query,
          owner_user_id: view.ownerUserId,
          team_id: view.teamId,
          created_at: view.createdAt.getTime(),
          updated_at: view.updatedAt.getTime(),
        })
        .onConflict((oc) => oc.columns(['owner_user_id', 'page', 'name_key']).doNothing())
        .executeTakeFirst();
      const inserted = Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
      if (inserted) await appendAudit(trx, this.#database.capabilities, audit, undefined);
      return inserted;
    });
  }

  async get(id: string): Promise<StoredSavedView | undefined> {
    const row = await this.#listing().where('saved_views.id', '=', id).executeTakeFirst();
    return row && toView(row);
  }

  /** The owner's view of that name (in any case) on the page, if there is one: its id and its name as saved. */
  async findByName(input: { ownerUserId: string; page: ViewPage; name: string }): Promise<{ id: string; name: string } | undefined> {
    const row = await this.#db
      .selectFrom('saved_views')
      .select(['id', 'name'])
      .where('owner_user_id', '=', input.ownerUserId)
      .where('page', '=', input.page)
      .where('name_key', '=', savedViewNameKey(input.name))
      .executeTakeFirst();
    return row;
  }

  /** Views by page, then name (without case). */
  async list(filter: SavedViewFilter = {}): Promise<StoredSavedView[]> {
    const { page, visibleTo } = filter;
    let query = this.#listing();
    if (page !== undefined) query = query.where('saved_views.page', '=', page);
    if (visibleTo !== undefined) {
      query = query.where((eb) =>
        eb.or([eb('saved_views.owner_user_id', '=', visibleTo.userId), ...(visibleTo.teamIds.length === 0 ? [] : [eb('saved_views.team_id', 'in', [...visibleTo.teamIds])])]),
      );
    }
    const rows = await query.orderBy('saved_views.page').orderBy('saved_views.name_key').orderBy('saved_views.id').execute();
    return rows.map(toView);
  }

  /** Changes a view's name, query or team; `audit` is appended in the same transaction. */
  async update(id: string, changes: SavedViewChanges, now: Date, audit?: AuditInput): Promise<void> {
    await this.#database.transaction(async (trx) => {
      await trx
        .withTables<SavedViewTables>()
        .updateTable('saved_views')
        .set({
          updated_at: now.getTime(),
          ...(changes.name === undefined ? {} : { name: changes.name, name_key: savedViewNameKey(changes.name) }),
          ...(changes.query === undefined ? {} : { query: changes.query }),
          ...(changes.teamId === undefined ? {} : { team_id: changes.teamId }),
        })
        .where('id', '=', id)
        .execute();
      await appendAudit(trx, this.#database.capabilities, audit, undefined);
    });
  }

  /** Deletes a view; false (and no `audit`) when there was none. */
  async delete(id: string, audit?: AuditInput): Promise<boolean> {
    return this.#database.transaction(async (trx) => {
      const result = await trx.withTables<SavedViewTables>().deleteFrom('saved_views').where('id', '=', id).executeTakeFirst();
      const deleted = result.numDeletedRows > 0n;
      if (deleted) await appendAudit(trx, this.#database.capabilities, audit, undefined);
      return deleted;
    });
  }

  #listing() {
    return this.#db
      .selectFrom('saved_views')
      .innerJoin('users', 'users.id', 'saved_views.owner_user_id')
      .selectAll('saved_views')
      .select(['users.email as owner_email', 'users.disabled as owner_disabled']);
  }
}

function toView(row: Selectable<SavedViewsTable> & { owner_email: string; owner_disabled: number }): StoredSavedView {
  return {
    id: row.id,
    page: row.page as ViewPage,
    name: row.name,
    query: row.query,
    ownerUserId: row.owner_user_id,
    teamId: row.team_id,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    ownerEmail: row.owner_email,
    ownerDisabled: row.owner_disabled === 1,
  };
}
