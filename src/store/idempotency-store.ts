/**
 * The `idempotency_keys` table: one row per caller scope and `Idempotency-Key`,
 * claimed in its own committed transaction BEFORE the call does any work, and
 * holding the call's answer once it is known. Because the claim is durable
 * first, a key is never run twice: a repeat finds the row and is answered
 * from it (or refused while the first call's outcome is not known).
 */
import type { Selectable } from 'kysely';
import type { IdempotencyKeysTable } from './database-schema.ts';
import type { DialectDatabase } from './dialect.ts';
import { IdempotencyState } from '../core/statuses.ts';

export { IdempotencyState } from '../core/statuses.ts';

/** A saved HTTP answer, replayed as it was first sent. */
export interface SavedAnswer {
  status: number;
  contentType: string;
  body: string;
}

export interface IdempotencyRecord {
  scope: string;
  key: string;
  /** A hash of the call (method, route, parameters, body); a repeat must have the same. */
  fingerprint: string;
  method: string;
  route: string;
  state: IdempotencyState;
  answer: SavedAnswer | null;
  createdAt: Date;
  finishedAt: Date | null;
}

export interface IdempotencyClaimInput {
  scope: string;
  key: string;
  fingerprint: string;
  method: string;
  route: string;
  now: Date;
  /** Rows older than this many milliseconds are forgotten (purged on the way). */
  keepForMs: number;
}

/** `claimed`: the key is new and now belongs to this call. `existing`: an earlier call holds it. */
export type IdempotencyClaim = { kind: 'claimed' } | { kind: 'existing'; record: IdempotencyRecord };

export class IdempotencyStore {
  readonly #database: DialectDatabase;

  constructor(database: DialectDatabase) {
    this.#database = database;
  }

  /**
   * Claims `key` for a call, durably, or returns the row of the call that
   * already holds it. Rows older than `keepForMs` are purged first, in the
   * same transaction, so an expired key is claimed anew.
   */
  claim(input: IdempotencyClaimInput): Promise<IdempotencyClaim> {
    return this.#database.transaction(async (trx) => {
      await trx.deleteFrom('idempotency_keys').where('created_at', '<', input.now.getTime() - input.keepForMs).execute();
      const inserted = await trx
        .insertInto('idempotency_keys')
        .values({
          scope: input.scope,
          idempotency_key: input.key,
          fingerprint: input.fingerprint,
          method: input.method,
          route: input.route,
          state: IdempotencyState.inFlight,
          created_at: input.now.getTime(),
        })
        .onConflict((oc) => oc.columns(['scope', 'idempotency_key']).doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0) return { kind: 'claimed' as const };
      const row = await trx.selectFrom('idempotency_keys').selectAll().where('scope', '=', input.scope).where('idempotency_key', '=', input.key).executeTakeFirstOrThrow();
      return { kind: 'existing' as const, record: toRecord(row) };
    });
  }

  /** Saves the answer of the call that claimed the key. */
  async saveAnswer(input: { scope: string; key: string; answer: SavedAnswer; now: Date }): Promise<void> {
    await this.#database.db
      .updateTable('idempotency_keys')
      .set({
        state: IdempotencyState.answered,
        response_status: input.answer.status,
        response_type: input.answer.contentType,
        response_body: input.answer.body,
        finished_at: input.now.getTime(),
      })
      .where('scope', '=', input.scope)
      .where('idempotency_key', '=', input.key)
      .where('state', '=', IdempotencyState.inFlight)
      .execute();
  }

  /** Frees a key whose call is known to have done nothing (it failed before any effect), so a retry may claim it. */
  async release(input: { scope: string; key: string }): Promise<void> {
    await this.#database.db
      .deleteFrom('idempotency_keys')
      .where('scope', '=', input.scope)
      .where('idempotency_key', '=', input.key)
      .where('state', '=', IdempotencyState.inFlight)
      .execute();
  }

  /** Records that the call ended without an answer that says whether it took effect. */
  async markUnknown(input: { scope: string; key: string; now: Date }): Promise<void> {
    await this.#database.db
      .updateTable('idempotency_keys')
      .set({ state: IdempotencyState.unknown, finished_at: input.now.getTime() })
      .where('scope', '=', input.scope)
      .where('idempotency_key', '=', input.key)
      .where('state', '=', IdempotencyState.inFlight)
      .execute();
  }
}

function toRecord(row: Selectable<IdempotencyKeysTable>): IdempotencyRecord {
  const answer =
    row.response_status === null || row.response_body === null ? null : { status: row.response_status, contentType: row.response_type ?? 'application/json', body: row.response_body };
  return {
    scope: row.scope,
    key: row.idempotency_key,
    fingerprint: row.fingerprint,
    method: row.method,
    route: row.route,
    state: toState(row.state),
    answer,
    createdAt: new Date(row.created_at),
    finishedAt: row.finished_at === null ? null : new Date(row.finished_at),
  };
}

function toState(value: string): IdempotencyState {
  switch (value) {
    case IdempotencyState.inFlight:
    case IdempotencyState.answered:
    case IdempotencyState.unknown:
      return value;
    default:
      throw new Error(`idempotency_keys.state holds "${value}", which this version does not know; was the database written by a newer Tollgate?`);
  }
}
