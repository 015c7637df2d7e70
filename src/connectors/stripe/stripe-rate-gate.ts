/**
 * Keeps one process's calls to a Stripe account under a rate (Stripe allows
 * about 100 requests/s live and 25 in test mode, and answers 429 above it),
 * and keeps a share of it for calls that move money, so a refund never
 * queues behind bulk reads: a token bucket of one second's calls, where other
 * calls stop while a fifth of it is left, a money call may take the last
 * token, and a waiting money call goes before every waiting read.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type Stripe from 'stripe';

/** `money`: a refund or credit note and the reads that check it first; `other`: everything else. */
export type StripeCallKind = 'money' | 'other';

interface CallContext {
  kind: StripeCallKind;
  signal: AbortSignal | undefined;
}

const calls = new AsyncLocalStorage<CallContext>();

/** Runs `work` with its Stripe requests counted as `kind`, waiting at most until `signal` aborts. */
export function withCallKind<T>(kind: StripeCallKind, signal: AbortSignal | undefined, work: () => Promise<T>): Promise<T> {
  return calls.run({ kind, signal }, work);
}

export interface StripeRateGate {
  /** Resolves when a request to `account` may go at `perSecond`; rejects with the signal's reason if it aborts first. */
  pass(account: string, perSecond: number, kind: StripeCallKind, signal?: AbortSignal): Promise<void>;
  /** Requests waiting now for `account`, by kind (all accounts when none is given). */
  waiting(account?: string): Record<StripeCallKind, number>;
  /** Seconds requests have waited since the process started, by kind. */
  waitedSeconds(): Record<StripeCallKind, number>;
}

interface Waiter {
  since: number;
  resolve: () => void;
  reject: (reason: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

interface Bucket {
  tokens: number;
  at: number;
  perSecond: number;
  money: Waiter[];
  other: Waiter[];
  timer: ReturnType<typeof setTimeout> | undefined;
}

/** The share of the bucket other calls leave for money calls. */
const MONEY_SHARE = 0.2;

export function createStripeRateGate(now: () => number = Date.now): StripeRateGate {
  const buckets = new Map<string, Bucket>();
  const waited: Record<StripeCallKind, number> = { money: 0, other: 0 };

  const reserve = (bucket: Bucket): number => Math.max(1, Math.ceil(bucket.perSecond * MONEY_SHARE));
  /** Tokens a call of this kind needs in the bucket to go. */
  const needs = (bucket: Bucket, kind: StripeCallKind): number => (kind === 'money' ? 1 : 1 + reserve(bucket));
  /** One second's calls, and never less than a read needs (at a rate of 1/s or less). */
  const capacity = (bucket: Bucket): number => Math.max(bucket.perSecond, needs(bucket, 'other'));
  const refill = (bucket: Bucket): void => {
    const at = now();
    bucket.tokens = Math.min(capacity(bucket), bucket.tokens + ((at - bucket.at) * bucket.perSecond) / 1000);
    bucket.at = at;
  };

  const serve = (bucket: Bucket): void => {
    bucket.timer = undefined;
    refill(bucket);
    while (bucket.money.length > 0 && bucket.tokens >= 1) release(bucket, 'money');
    while (bucket.money.length === 0 && bucket.other.length > 0 && bucket.tokens >= needs(bucket, 'other')) release(bucket, 'other');
    const next = bucket.money.length > 0 ? 'money' : bucket.other.length > 0 ? 'other' : undefined;
    if (next === undefined) return;
    const wait = Math.ceil(((needs(bucket, next) - bucket.tokens) * 1000) / bucket.perSecond);
    bucket.timer = setTimeout(() => serve(bucket), Math.max(1, wait));
  };

  const release = (bucket: Bucket, kind: StripeCallKind): void => {
    const waiter = bucket[kind].shift();
    if (waiter === undefined) return;
    bucket.tokens -= 1;
    waited[kind] += (now() - waiter.since) / 1000;
    waiter.signal?.removeEventListener('abort', waiter.onAbort);
    waiter.resolve();
  };

  return {
    pass(account, perSecond, kind, signal) {
      let bucket = buckets.get(account);
      if (bucket === undefined) {
        bucket = { tokens: 0, at: now(), perSecond, money: [], other: [], timer: undefined };
        bucket.tokens = capacity(bucket);
        buckets.set(account, bucket);
      }
      bucket.perSecond = perSecond;
      refill(bucket);
      const ahead = kind === 'money' ? bucket.money.length : bucket.money.length + bucket.other.length;
      if (ahead === 0 && bucket.tokens >= needs(bucket, kind)) {
        bucket.tokens -= 1;
        return Promise.resolve();
      }
      if (signal?.aborted) return Promise.reject(abortReason(signal));
      const current = bucket;
      return new Promise<void>((resolve, reject) => {
        const queue = kind === 'money' ? current.money : current.other;
        const waiter: Waiter = {
          since: now(),
          resolve,
          reject,
          signal,
          onAbort: () => {
            queue.splice(queue.indexOf(waiter), 1);
            reject(abortReason(signal));
          },
        };
        signal?.addEventListener('abort', waiter.onAbort, { once: true });
        queue.push(waiter);
        // A money call may go sooner than the read the timer waits for: look again now.
        if (current.timer !== undefined) clearTimeout(current.timer);
        serve(current);
      });
    },
    waiting(account) {
      const counted = account === undefined ? [...buckets.values()] : [buckets.get(account)].filter((bucket) => bucket !== undefined);
      return { money: counted.reduce((sum, bucket) => sum + bucket.money.length, 0), other: counted.reduce((sum, bucket) => sum + bucket.other.length, 0) };
    },
    waitedSeconds: () => ({ ...waited }),
  };
}

function abortReason(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  return reason instanceof Error ? reason : new Error('the call was given up before Stripe could be asked');
}

/** The SDK's HTTP client with every request through the gate first: pages of a list and a refund's checks included. */
export function gatedHttpClient(inner: Stripe.HttpClient, gate: Pick<StripeRateGate, 'pass'>, account: string, perSecond: number): Stripe.HttpClient {
  return {
    getClientName: () => inner.getClientName(),
    async makeRequest(host, port, path, method, headers, requestData, protocol, timeout) {
      const context = calls.getStore();
      await gate.pass(account, perSecond, context?.kind ?? 'other', context?.signal);
      return inner.makeRequest(host, port, path, method, headers, requestData, protocol, timeout);
    },
  };
}
