/**
 * The `login_attempts` table (migration 0016): failed logins per key
 * (`account:<email>`, `ip:<address>`), kept in the database so every
 * process serving one database counts them together. The store only keeps
 * rows; what a failure does to a row is decided by the caller
 * (identity/login-throttle.ts).
 */
import type { Kysely, Selectable } from 'kysely';
import type { Database } from './database-schema.ts';
import type { DialectDatabase } from './dialect.ts';

type LoginAttemptsTable = {
  attempt_key: string;
  window_started_at: number;
  failures: number;
  lockouts: number;
  locked_until: number | null;
  updated_at: number;
};

type LoginAttemptTables = { login_attempts: LoginAttemptsTable };

export interface LoginAttemptRecord {
  key: string;
  /** When the current counting window began. */
  windowStartedAt: Date;
  /** Failures in the current window. */
  failures: number;
  /** How many times the key was locked before (each lock lasts longer). */
  lockouts: number;
  lockedUntil: Date | null;
  updatedAt: Date;
}

/** What a change makes of a row: everything but its key. */
export type LoginAttemptState = Omit<LoginAttemptRecord, 'key'>;

function toRecord(row: Selectable<LoginAttemptsTable>): LoginAttemptRecord {
  return {
    key: row.attempt_key,
    windowStartedAt: new Date(Number(row.window_started_at)),
    failures: Number(row.failures),
    lockouts: Number(row.lockouts),
    lockedUntil: row.locked_until === null ? null : new Date(Number(row.locked_until)),
    updatedAt: new Date(Number(row.updated_at)),
  };
}

function toRow(key: string, state: LoginAttemptState): LoginAttemptsTable {
  return {
    attempt_key: key,
    window_started_at: state.windowStartedAt.getTime(),
    failures: state.failures,
    lockouts: state.lockouts,
    locked_until: state.lockedUntil?.getTime() ?? null,
    updated_at: state.updatedAt.getTime(),
  };
}

export class LoginAttemptStore {
  readonly #database: DialectDatabase;

  constructor(database: DialectDatabase) {
    this.#database = database;
  }

  #db(db: Kysely<Database> = this.#database.db): Kysely<Database & LoginAttemptTables> {
    return db.withTables<LoginAttemptTables>();
  }

  /** The rows of `keys` that exist. */
  async get(keys: readonly string[]): Promise<LoginAttemptRecord[]> {
    if (keys.length === 0) return [];
    const rows = await this.#db().selectFrom('login_attempts').selectAll().where('attempt_key', 'in', [...keys]).execute();
    return rows.map(toRecord);
  }

  /**
   * Replaces the row of `key` with what `change` makes of it (undefined: no
   * row yet), holding the row locked meanwhile, so two processes counting a
   * failure at once both count.
   */
  update(key: string, change: (current: LoginAttemptRecord | undefined) => LoginAttemptState): Promise<LoginAttemptRecord> {
    return this.#database.transaction(async (trx) => {
      const db = this.#db(trx);
      const lock = () =>
        db
          .selectFrom('login_attempts')
          .selectAll()
          .where('attempt_key', '=', key)
          .$if(this.#database.capabilities.rowLocks, (qb) => qb.forUpdate())
          .executeTakeFirst();
      const found = await lock();
      const current = found && toRecord(found);
      const next = toRow(key, change(current));
      if (current === undefined) {
        // Another process may insert the same key first: then count on top of its row.
        const inserted = await db.insertInto('login_attempts').values(next).onConflict((oc) => oc.column('attempt_key').doNothing()).executeTakeFirst();
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0) return toRecord(next);
        const raced = await lock();
        const again = toRow(key, change(raced && toRecord(raced)));
        await db.updateTable('login_attempts').set(again).where('attempt_key', '=', key).execute();
        return toRecord(again);
      }
      await db.updateTable('login_attempts').set(next).where('attempt_key', '=', key).execute();
      return toRecord(next);
    });
  }

  /** Forgets the failures of `key` (a successful login, an admin's unlock). */
  async delete(key: string): Promise<void> {
    await this.#db().deleteFrom('login_attempts').where('attempt_key', '=', key).execute();
  }

  /** Forgets the rows untouched since `before` whose lock (if any) has ended by `now`. */
  async deleteIdle(input: { before: Date; now: Date }): Promise<void> {
    await this.#db()
      .deleteFrom('login_attempts')
      .where('updated_at', '<', input.before.getTime())
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', input.now.getTime())]))
      .execute();
  }
}
