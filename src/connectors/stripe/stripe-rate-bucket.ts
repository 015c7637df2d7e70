/**
 * The token bucket of a Stripe account's calls: one second's calls, of which
 * other calls leave a fifth for money calls. `stripeTake` is the rule; the
 * in-process bucket applies it in memory, and the shared one
 * (core/shared-rate-bucket.ts) in the database.
 */
import { createHash } from 'node:crypto';
import type { RateBucketTake, RateGrant } from '../../core/shared-rate-bucket.ts';

/** `money`: a refund or credit note and the reads that check it first; `other`: everything else. */
export type StripeCallKind = 'money' | 'other';

/** The share of the bucket other calls leave for money calls. */
const MONEY_SHARE = 0.2;

/**
 * What one call of `kind` asks of the bucket of `account` at `perSecond`: a
 * money call may take the last token, another call stops while the kept share
 * is left. The bucket always holds what a read needs, so at a rate of 1/s or
 * less reads still go.
 */
export function stripeTake(account: string, perSecond: number, kind: StripeCallKind): RateBucketTake {
  const reserve = Math.max(1, Math.ceil(perSecond * MONEY_SHARE));
  const needs = kind === 'money' ? 1 : 1 + reserve;
  return { bucket: account, perSecond, capacity: Math.max(perSecond, 1 + reserve), needs };
}

/**
 * The name of a secret key's bucket: a digest, so the key itself is never
 * stored (the shared bucket's row) nor kept in the gate's memory.
 */
export function stripeRateAccount(secretKey: string): string {
  return `sha256:${createHash('sha256').update(secretKey).digest('hex').slice(0, 32)}`;
}

export interface LocalRateBucket {
  /** Takes a token now when the bucket holds what `request` needs; else says how long until it does. */
  take(request: RateBucketTake): RateGrant;
}

/** Buckets in this process's memory, refilled by `now` (milliseconds). */
export function createLocalRateBucket(now: () => number): LocalRateBucket {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take({ bucket: name, perSecond, capacity, needs }) {
      const at = now();
      const bucket = buckets.get(name) ?? { tokens: capacity, at };
      bucket.tokens = Math.min(capacity, bucket.tokens + ((at - bucket.at) * perSecond) / 1000);
      bucket.at = at;
      buckets.set(name, bucket);
      if (bucket.tokens >= needs) {
        bucket.tokens -= 1;
        return { granted: true };
      }
      return { granted: false, retryInMs: Math.ceil(((needs - bucket.tokens) * 1000) / perSecond) };
    },
  };
}
