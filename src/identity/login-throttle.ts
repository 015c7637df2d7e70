/**
 * The login throttling policy, as pure decisions over the counted failures
 * (store/login-attempt-store.ts keeps them; login-lockout.ts applies this):
 * too many failed logins for one account, or from one address, in a window
 * lock further logins there for a while, each lock longer than the one before.
 */
import type { LoginAttemptRecord, LoginAttemptState } from '../store/login-attempt-store.ts';

const MINUTE_MS = 60_000;

/** The limit of one kind of key. */
export interface ThrottleLimit {
  /** Failures in one window that lock the key. */
  maxFailures: number;
  windowMs: number;
  /** The first lock; each next one lasts twice as long as the one before... */
  lockMs: number;
  /** ...up to this. */
  maxLockMs: number;
}

export interface LoginThrottlePolicy {
  /** Per account (the email given, whether or not a user has it). */
  account: ThrottleLimit;
  /** Per client address: higher, since people behind one proxy share it. */
  ip: ThrottleLimit;
  /** A key quiet this long starts over, its earlier locks forgotten. */
  forgetAfterMs: number;
}

export const DEFAULT_LOGIN_THROTTLE: LoginThrottlePolicy = {
  account: { maxFailures: 5, windowMs: 15 * MINUTE_MS, lockMs: 15 * MINUTE_MS, maxLockMs: 24 * 60 * MINUTE_MS },
  ip: { maxFailures: 20, windowMs: 15 * MINUTE_MS, lockMs: 15 * MINUTE_MS, maxLockMs: 24 * 60 * MINUTE_MS },
  forgetAfterMs: 24 * 60 * MINUTE_MS,
};

/** The key an account's failures are counted under. */
export function accountKey(email: string): string {
  return `account:${email}`;
}

/** The key an address's failures are counted under. */
export function ipKey(ip: string): string {
  return `ip:${ip}`;
}

/** How long until every one of `records` is unlocked at `now`; 0 when none is locked. */
export function lockRemainingMs(records: readonly LoginAttemptRecord[], now: Date): number {
  return Math.max(0, ...records.map((record) => (record.lockedUntil === null ? 0 : record.lockedUntil.getTime() - now.getTime())));
}

/** How long the lock after `lockouts` earlier ones lasts. */
export function lockDurationMs(limit: ThrottleLimit, lockouts: number): number {
  return Math.min(limit.maxLockMs, limit.lockMs * 2 ** Math.min(lockouts, 30));
}

/** A key's state after one more failed login at `now`. */
export function afterFailure(current: LoginAttemptState | undefined, limit: ThrottleLimit, policy: Pick<LoginThrottlePolicy, 'forgetAfterMs'>, now: Date): LoginAttemptState {
  const fresh: LoginAttemptState = { windowStartedAt: now, failures: 0, lockouts: 0, lockedUntil: null, updatedAt: now };
  const known = current === undefined || now.getTime() - current.updatedAt.getTime() >= policy.forgetAfterMs ? fresh : current;
  if (known.lockedUntil !== null && known.lockedUntil.getTime() > now.getTime()) return { ...known, updatedAt: now };
  const windowOver = now.getTime() - known.windowStartedAt.getTime() >= limit.windowMs;
  const failures = (windowOver ? 0 : known.failures) + 1;
  const windowStartedAt = windowOver ? now : known.windowStartedAt;
  if (failures < limit.maxFailures) return { windowStartedAt, failures, lockouts: known.lockouts, lockedUntil: null, updatedAt: now };
  return { windowStartedAt: now, failures: 0, lockouts: known.lockouts + 1, lockedUntil: new Date(now.getTime() + lockDurationMs(limit, known.lockouts)), updatedAt: now };
}
