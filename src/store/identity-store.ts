/**
 * Users, API keys and web-app sessions (migration 0005-identity). The tables
 * are this module's own: their row shapes live here and are added to the
 * query builder with `withTables`.
 */
import type { Kysely, Selectable } from 'kysely';
import type { Role } from '../core/roles.ts';
import { appendAudit, type AuditInput } from './audit-input.ts';
import type { Database } from './database-schema.ts';
import type { DialectDatabase } from './dialect.ts';
import { fromJson, toJson } from './row-mappers.ts';

type UsersTable = {
  id: string;
  email: string;
  name: string | null;
  password_hash: string | null;
  roles: string;
  disabled: number;
  created_at: number;
  updated_at: number;
};

type ApiKeysTable = {
  id: string;
  name: string;
  prefix: string;
  hash: string;
  user_id: string;
  scopes: string | null;
  expires_at: number | null;
  revoked_at: number | null;
  last_used_at: number | null;
  created_at: number;
};

type SessionsTable = {
  token_hash: string;
  user_id: string;
  created_at: number;
  expires_at: number;
};

type IdentityTables = {
  users: UsersTable;
  api_keys: ApiKeysTable;
  sessions: SessionsTable;
};

type IdentityDb = Kysely<Database & IdentityTables>;

export interface StoredUser {
  id: string;
  /** Lowercase. */
  email: string;
  name: string | null;
  /** `scrypt$N$r$p$salt$hash`; null: the user cannot log in with a password (yet). */
  passwordHash: string | null;
  roles: Role[];
  disabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface StoredApiKey {
  id: string;
  name: string;
  prefix: string;
  /** SHA-256 of the secret, hex. */
  hash: string;
  userId: string;
  /** Permissions or roles the key is limited to; null: all of its user's permissions. */
  scopes: string[] | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  createdAt: Date;
}

export interface StoredSession {
  /** SHA-256 of the cookie's token, hex. */
  tokenHash: string;
  userId: string;
  createdAt: Date;
  expiresAt: Date;
}

export type UserChanges = Partial<Pick<StoredUser, 'name' | 'passwordHash' | 'roles' | 'disabled'>>;

/** Writes to api_keys.last_used_at at most this often per key, so reads do not turn into a write each. */
const LAST_USED_RESOLUTION_MS = 60_000;

function toUser(row: Selectable<UsersTable>): StoredUser {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    passwordHash: row.password_hash,
    roles: fromJson<Role[]>(row.roles) ?? [],
    disabled: row.disabled === 1,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

function toApiKey(row: Selectable<ApiKeysTable>): StoredApiKey {
  const time = (ms: number | null) => (ms === null ? null : new Date(ms));
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    hash: row.hash,
    userId: row.user_id,
    scopes: fromJson<string[]>(row.scopes),
    expiresAt: time(row.expires_at),
    revokedAt: time(row.revoked_at),
    lastUsedAt: time(row.last_used_at),
    createdAt: new Date(row.created_at),
  };
}

function userRow(user: StoredUser): UsersTable {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    password_hash: user.passwordHash,
    roles: toJson(user.roles) ?? '[]',
    disabled: user.disabled ? 1 : 0,
    created_at: user.createdAt.getTime(),
    updated_at: user.updatedAt.getTime(),
  };
}

function apiKeyRow(key: StoredApiKey): ApiKeysTable {
  return {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    hash: key.hash,
    user_id: key.userId,
    scopes: key.scopes === null ? null : toJson(key.scopes),
    expires_at: key.expiresAt?.getTime() ?? null,
    revoked_at: key.revokedAt?.getTime() ?? null,
    last_used_at: key.lastUsedAt?.getTime() ?? null,
    created_at: key.createdAt.getTime(),
  };
}

/** Users, their API keys and sessions. */
export class IdentityStore {
  readonly #database: DialectDatabase;

  constructor(database: DialectDatabase) {
    this.#database = database;
  }

  get #db(): IdentityDb {
    return this.#database.db.withTables<IdentityTables>();
  }

  /** Runs `fn` in a transaction and appends `audit` in it. */
  #audited<T>(audit: AuditInput | undefined, fn: (db: IdentityDb) => Promise<T>): Promise<T> {
    return this.#database.transaction(async (trx) => {
      const result = await fn(trx.withTables<IdentityTables>());
      await appendAudit(trx, this.#database.capabilities, audit, undefined);
      return result;
    });
  }

  /** Appends audit entries that record no change of these tables (a failed login). */
  async recordAudit(audit: AuditInput): Promise<void> {
    await this.#audited(audit, () => Promise.resolve());
  }

  /** Inserts a user; false (and nothing written, `audit` neither) when the email is taken. */
  async insertUser(user: StoredUser, audit?: AuditInput): Promise<boolean> {
    return this.#database.transaction(async (trx) => {
      const result = await trx.withTables<IdentityTables>().insertInto('users').values(userRow(user)).onConflict((oc) => oc.column('email').doNothing()).executeTakeFirst();
      const inserted = Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
      if (inserted) await appendAudit(trx, this.#database.capabilities, audit, undefined);
      return inserted;
    });
  }

  async getUser(id: string): Promise<StoredUser | undefined> {
    const row = await this.#db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toUser(row);
  }

  async getUserByEmail(email: string): Promise<StoredUser | undefined> {
    const row = await this.#db.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
    return row && toUser(row);
  }

  /** Every user, by email. */
  async listUsers(): Promise<StoredUser[]> {
    const rows = await this.#db.selectFrom('users').selectAll().orderBy('email').execute();
    return rows.map(toUser);
  }

  async updateUser(id: string, changes: UserChanges, now: Date, audit?: AuditInput): Promise<void> {
    await this.#audited(audit, (db) =>
      db
        .updateTable('users')
        .set({
          updated_at: now.getTime(),
          ...(changes.name === undefined ? {} : { name: changes.name }),
          ...(changes.passwordHash === undefined ? {} : { password_hash: changes.passwordHash }),
          ...(changes.roles === undefined ? {} : { roles: toJson(changes.roles) ?? '[]' }),
          ...(changes.disabled === undefined ? {} : { disabled: changes.disabled ? 1 : 0 }),
        })
        .where('id', '=', id)
        .execute(),
    );
  }

  /** The enabled users holding the admin role. */
  async countEnabledAdmins(): Promise<number> {
    const rows = await this.#db.selectFrom('users').select('roles').where('disabled', '=', 0).where('roles', 'like', '%"admin"%').execute();
    return rows.length;
  }

  /**
   * Creates the first admin and its API key, once: nothing is written when an
   * enabled admin already exists or the email is taken. Two processes starting at
   * once create one admin between them (the email is unique).
   */
  async insertFirstAdmin(user: StoredUser, key: StoredApiKey): Promise<boolean> {
    return this.#database.transaction(async (trx) => {
      const db = trx.withTables<IdentityTables>();
      const admin = await db.selectFrom('users').select('id').where('disabled', '=', 0).where('roles', 'like', '%"admin"%').limit(1).executeTakeFirst();
      if (admin) return false;
      const inserted = await db.insertInto('users').values(userRow(user)).onConflict((oc) => oc.column('email').doNothing()).executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) return false;
      await db.insertInto('api_keys').values(apiKeyRow(key)).execute();
      return true;
    });
  }

  /** Team ids per member email, for `emails`. */
  async teamsByEmail(emails: readonly string[]): Promise<Map<string, string[]>> {
    const teams = new Map<string, string[]>();
    if (emails.length === 0) return teams;
    const rows = await this.#db.selectFrom('team_members').select(['email', 'team_id']).where('email', 'in', [...emails]).orderBy('team_id').execute();
    for (const row of rows) teams.set(row.email, [...(teams.get(row.email) ?? []), row.team_id]);
    return teams;
  }

  /** Team members (from applied `Team` documents) who are not users yet. */
  async teamMembersWithoutUser(): Promise<{ email: string; name: string | null }[]> {
    const rows = await this.#db
      .selectFrom('team_members')
      .leftJoin('users', 'users.email', 'team_members.email')
      .select(['team_members.email as email', 'team_members.name as name'])
      .where('users.id', 'is', null)
      .orderBy('team_members.email')
      .execute();
    const seen = new Set<string>();
    return rows.filter((row) => !seen.has(row.email) && seen.add(row.email));
  }

  async insertApiKey(key: StoredApiKey, audit?: AuditInput): Promise<void> {
    await this.#audited(audit, (db) => db.insertInto('api_keys').values(apiKeyRow(key)).execute());
  }

  async getApiKey(id: string): Promise<StoredApiKey | undefined> {
    const row = await this.#db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toApiKey(row);
  }

  /** Keys, newest first: one user's, or everyone's. */
  async listApiKeys(filter: { userId?: string } = {}): Promise<StoredApiKey[]> {
    let query = this.#db.selectFrom('api_keys').selectAll();
    if (filter.userId !== undefined) query = query.where('user_id', '=', filter.userId);
    const rows = await query.orderBy('created_at', 'desc').orderBy('id').execute();
    return rows.map(toApiKey);
  }

  /** Marks a key revoked (a second revocation keeps the first time, and appends no `audit`). */
  async revokeApiKey(id: string, now: Date, audit?: AuditInput): Promise<void> {
    await this.#database.transaction(async (trx) => {
      const result = await trx.withTables<IdentityTables>().updateTable('api_keys').set({ revoked_at: now.getTime() }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
      if (result.numUpdatedRows > 0n) await appendAudit(trx, this.#database.capabilities, audit, undefined);
    });
  }

  /** Records that a key was used, at most once a minute per key: the key as just read says when a write is due, so most requests make none. */
  async touchApiKey(key: Pick<StoredApiKey, 'id' | 'lastUsedAt'>, now: Date): Promise<void> {
    const before = now.getTime() - LAST_USED_RESOLUTION_MS;
    if (key.lastUsedAt !== null && key.lastUsedAt.getTime() >= before) return;
    await this.#db
      .updateTable('api_keys')
      .set({ last_used_at: now.getTime() })
      .where('id', '=', key.id)
      .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', before)]))
      .execute();
  }

  async insertSession(session: StoredSession, audit?: AuditInput): Promise<void> {
    await this.#audited(audit, (db) =>
      db
        .insertInto('sessions')
        .values({ token_hash: session.tokenHash, user_id: session.userId, created_at: session.createdAt.getTime(), expires_at: session.expiresAt.getTime() })
        .execute(),
    );
  }

  async getSession(tokenHash: string): Promise<StoredSession | undefined> {
    const row = await this.#db.selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    return row && { tokenHash: row.token_hash, userId: row.user_id, createdAt: new Date(row.created_at), expiresAt: new Date(row.expires_at) };
  }

  /** Ends a session; `audit` is appended only when there was one. */
  async deleteSession(tokenHash: string, audit?: AuditInput): Promise<void> {
    await this.#database.transaction(async (trx) => {
      const result = await trx.withTables<IdentityTables>().deleteFrom('sessions').where('token_hash', '=', tokenHash).executeTakeFirst();
      if (result.numDeletedRows > 0n) await appendAudit(trx, this.#database.capabilities, audit, undefined);
    });
  }

  /** Ends every session of a user (disabled, or a new password). */
  async deleteSessionsOfUser(userId: string): Promise<void> {
    await this.#db.deleteFrom('sessions').where('user_id', '=', userId).execute();
  }

  async deleteExpiredSessions(now: Date): Promise<void> {
    await this.#db.deleteFrom('sessions').where('expires_at', '<=', now.getTime()).execute();
  }
}
