/**
 * The `stripe_rate_buckets` table (migration 0023): the token bucket of each
 * Stripe account, shared by every process of a PostgreSQL database so
 * together they keep to the account's rate. Each take is one statement; the
 * refill is counted on the database's clock, so the machines' clocks do not
 * matter. On SQLite one process owns the file and keeps its bucket in memory.
 */
import { sql } from 'kysely';
import type { RateBucketTake, RateGrant, SharedRateBucket } from '../core/shared-rate-bucket.ts';
import type { DialectDatabase } from './dialect.ts';

export class StripeRateBucketStore implements SharedRateBucket {
  readonly #database: DialectDatabase;

  constructor(database: DialectDatabase) {
    this.#database = database;
  }

  /**
   * Takes a token when the row, refilled up to now, holds `needs`: an upsert
   * whose update is conditional, so of two processes taking the last token one
   * gets it. A refusal reads the row in the same statement to say when to ask again.
   */
  async take({ bucket, perSecond, capacity, needs }: RateBucketTake): Promise<RateGrant> {
    // clock_timestamp(), not now(): inside the update it is read after the row lock, so never before the last counted_at.
    const refilled = sql`least(${capacity}::float8, b.tokens + ${perSecond}::float8 * greatest(0, extract(epoch from clock_timestamp() - b.counted_at)::float8))`;
    const result = await sql<{ granted: boolean; available: number | null }>`
      with taken as (
        insert into stripe_rate_buckets as b (account, tokens, counted_at)
        values (${bucket}, ${capacity}::float8 - 1, clock_timestamp())
        on conflict (account) do update
          set tokens = ${refilled} - 1, counted_at = clock_timestamp()
          where ${refilled} >= ${needs}::float8
        returning 1
      )
      select exists (select 1 from taken) as granted,
        (select ${refilled} from stripe_rate_buckets as b where b.account = ${bucket}) as available`.execute(this.#database.db);
    const row = result.rows[0];
    if (row?.granted === true) return { granted: true };
    // The row as the statement began: another process may have taken since, and then the next ask is refused again.
    const available = row?.available ?? 0;
    return { granted: false, retryInMs: Math.max(1, Math.ceil(((needs - available) * 1000) / perSecond)) };
  }
}
