/**
 * A token bucket kept where every process of one database reaches it, so they
 * keep to one rate together. The store implements it on PostgreSQL
 * (store/stripe-rate-bucket-store.ts); the Stripe rate gate asks it
 * (connectors/stripe/stripe-rate-gate.ts). What a call needs is the caller's
 * rule: the bucket only counts tokens.
 */

/** One request for a token from the bucket named `bucket`. */
export interface RateBucketTake {
  /** The bucket's name. Stored as given: never a secret (the Stripe gate passes a digest of the key). */
  bucket: string;
  /** Tokens that come back each second. */
  perSecond: number;
  /** The most the bucket holds; a bucket seen for the first time starts full. */
  capacity: number;
  /** Tokens the bucket must hold for this take to get one: more than 1 leaves a share for other takes. */
  needs: number;
}

/** Granted: one token taken. Refused: how long until the bucket holds what the take needs. */
export type RateGrant = { granted: true } | { granted: false; retryInMs: number };

export interface SharedRateBucket {
  /** Takes one token when the bucket holds `needs`, in one atomic step. Rejects when the bucket cannot be reached. */
  take(request: RateBucketTake): Promise<RateGrant>;
}
