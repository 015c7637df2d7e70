/**
 * Keeps the calls to a Stripe account under a rate (Stripe allows about 100
 * requests/s live and 25 in test mode, and answers 429 above it), and keeps a
 * share of it for calls that move money, so a refund never queues behind bulk
 * reads (the rule: stripe-rate-bucket.ts). Calls wait in this process's queue,
 * where a waiting money call goes before every waiting read; the tokens come
 * from this process's bucket, or from a bucket every process of the database
 * shares (PostgreSQL).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type Stripe from 'stripe';
import { settledWithin } from '../../core/settled-within.ts';
import { StoreUnavailableError } from '../../core/errors.ts';
import { silentLogger, type Logger } from '../../core/logger.ts';
import type { RateBucketTake, RateGrant, SharedRateBucket } from '../../core/shared-rate-bucket.ts';
import { createLocalRateBucket, stripeTake, type StripeCallKind } from './stripe-rate-bucket.ts';

export type { StripeCallKind } from './stripe-rate-bucket.ts';

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
  /** Seconds requests have waited since the process started, by kind (with a shared bucket, its round trip too). */
  waitedSeconds(): Record<StripeCallKind, number>;
  /** Requests that took their token from this process's bucket because the shared one did not answer. */
  sharedFallbacks(): number;
}

export interface StripeRateGateOptions {
  /** Milliseconds since the epoch (tests move it). */
  now?: () => number;
  /** The bucket every process of the database shares; without it, this process's own. */
  shared?: SharedRateBucket | undefined;
  /** How long to wait for the shared bucket before taking from this process's (default 2 s). */
  sharedTimeoutMs?: number;
  logger?: Logger;
}

interface Waiter {
  since: number;
  resolve: () => void;
  reject: (reason: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

interface Queue {
  account: string;
  perSecond: number;
  money: Waiter[];
  other: Waiter[];
  timer: ReturnType<typeof setTimeout> | undefined;
  /** A take from the shared bucket is on its way: the next goes when it answers. */
  asking: boolean;
}

/** After the shared bucket failed, how long calls take from this process's bucket before asking it again. */
const SHARED_PAUSE_MS = 5_000;

/**
 * The gate of one process. Given `shared`, its calls take their tokens from the
 * bucket every process of the database draws from (`store.stripeRateBuckets`).
 */
export function createStripeRateGate(options: StripeRateGateOptions = {}): StripeRateGate {
  const now = options.now ?? Date.now;
  const { shared } = options;
  const logger = options.logger ?? silentLogger;
  const local = createLocalRateBucket(now);
  const queues = new Map<string, Queue>();
  const waited: Record<StripeCallKind, number> = { money: 0, other: 0 };
  let fallbacks = 0;
  let sharedPausedUntil = 0;

  /**
   * A token from the shared bucket, or from this process's when there is none
   * or it failed: a database that cannot answer must not hold Stripe calls
   * back, so for a while each process keeps to the rate alone (each call counted, each pause logged).
   */
  const ask = (take: RateBucketTake): RateGrant | Promise<RateGrant> => {
    if (shared === undefined) return local.take(take);
    if (now() < sharedPausedUntil) {
      fallbacks += 1;
      return local.take(take);
    }
    return answeredWithin(shared.take(take), options.sharedTimeoutMs ?? 2_000).catch((error: unknown) => {
      sharedPausedUntil = now() + SHARED_PAUSE_MS;
      fallbacks += 1;
      logger.warn({ err: error }, `the shared Stripe rate bucket did not answer: for ${SHARED_PAUSE_MS / 1000} s this process keeps to the rate on its own`);
      return local.take(take);
    });
  };

  const serve = (queue: Queue): void => {
    if (queue.timer !== undefined) clearTimeout(queue.timer);
    queue.timer = undefined;
    while (!queue.asking) {
      const kind = queue.money.length > 0 ? 'money' : queue.other.length > 0 ? 'other' : undefined;
      if (kind === undefined) return;
      const answer = ask(stripeTake(queue.account, queue.perSecond, kind));
      if (!(answer instanceof Promise)) {
        if (!answered(queue, kind, answer)) return;
        continue;
      }
      queue.asking = true;
      void answer.then((grant) => {
        queue.asking = false;
        if (answered(queue, kind, grant)) serve(queue);
      });
    }
  };

  /** Lets a waiter go on a grant, or waits as long as the refusal says. True: ask again now. */
  const answered = (queue: Queue, kind: StripeCallKind, grant: RateGrant): boolean => {
    if (grant.granted) {
      // A token granted to a read may go to a money call that came meanwhile; one granted to a money
      // call may have been the kept share, so a read never gets it (it is lost if its caller gave up).
      if (queue.money.length > 0) release(queue, 'money');
      else if (kind === 'other') release(queue, 'other');
      return true;
    }
    // A money call that came while a read was refused needs less: ask for it at once.
    if (kind === 'other' && queue.money.length > 0) return true;
    queue.timer = setTimeout(() => serve(queue), Math.max(1, grant.retryInMs));
    return false;
  };

  const release = (queue: Queue, kind: StripeCallKind): void => {
    const waiter = queue[kind].shift();
    if (waiter === undefined) return;
    waited[kind] += (now() - waiter.since) / 1000;
    waiter.signal?.removeEventListener('abort', waiter.onAbort);
    waiter.resolve();
  };

  return {
    pass(account, perSecond, kind, signal) {
      if (signal?.aborted) return Promise.reject(abortReason(signal));
      let queue = queues.get(account);
      if (queue === undefined) {
        queue = { account, perSecond, money: [], other: [], timer: undefined, asking: false };
        queues.set(account, queue);
      }
      queue.perSecond = perSecond;
      const current = queue;
      return new Promise<void>((resolve, reject) => {
        const waiting = kind === 'money' ? current.money : current.other;
        const waiter: Waiter = {
          since: now(),
          resolve,
          reject,
          signal,
          onAbort: () => {
            waiting.splice(waiting.indexOf(waiter), 1);
            reject(abortReason(signal));
          },
        };
        signal?.addEventListener('abort', waiter.onAbort, { once: true });
        waiting.push(waiter);
        // Ask now unless an answer or a wait is under way already; but a first money call may go
        // sooner than the read the timer waits for.
        const headChanged = current.timer === undefined || (kind === 'money' && current.money.length === 1);
        if (!current.asking && headChanged) serve(current);
      });
    },
    waiting(account) {
      const counted = account === undefined ? [...queues.values()] : [queues.get(account)].filter((queue) => queue !== undefined);
      return { money: counted.reduce((sum, queue) => sum + queue.money.length, 0), other: counted.reduce((sum, queue) => sum + queue.other.length, 0) };
    },
    waitedSeconds: () => ({ ...waited }),
    sharedFallbacks: () => fallbacks,
  };
}

/** `answer`, or a StoreUnavailableError when it has not come after `ms`. */
function answeredWithin<T>(answer: Promise<T>, ms: number): Promise<T> {
  return settledWithin(answer, ms, () => new StoreUnavailableError(`no answer from the database within ${ms} ms`));
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
