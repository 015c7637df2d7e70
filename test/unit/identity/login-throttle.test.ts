import assert from 'node:assert/strict';
import { test } from 'node:test';
import { afterFailure, DEFAULT_LOGIN_THROTTLE, lockDurationMs, lockRemainingMs, type ThrottleLimit } from '../../../src/identity/login-throttle.ts';
import type { LoginAttemptState } from '../../../src/store/login-attempt-store.ts';

const MINUTE = 60_000;
const limit: ThrottleLimit = { maxFailures: 3, windowMs: 10 * MINUTE, lockMs: 15 * MINUTE, maxLockMs: 50 * MINUTE };
const policy = { forgetAfterMs: 24 * 60 * MINUTE };
const start = new Date('2026-01-01T00:00:00Z');
const at = (minutes: number) => new Date(start.getTime() + minutes * MINUTE);

function fail(times: number, from: LoginAttemptState | undefined, minute: number): LoginAttemptState | undefined {
  let state = from;
  for (let i = 0; i < times; i += 1) state = afterFailure(state, limit, policy, at(minute));
  return state;
}

test('failures below the limit count in the window and lock nothing', () => {
  const state = fail(2, undefined, 0);
  assert.equal(state?.failures, 2);
  assert.equal(state?.lockedUntil, null);
  assert.deepEqual(state?.windowStartedAt, at(0));
});

test('the failure that reaches the limit locks the key for lockMs and starts the count over', () => {
  const state = fail(3, undefined, 1);
  assert.deepEqual(state?.lockedUntil, at(16));
  assert.equal(state?.failures, 0);
  assert.equal(state?.lockouts, 1);
});

test('failures of an earlier window do not count: the window starts over', () => {
  const state = fail(1, fail(2, undefined, 0), 10);
  assert.equal(state?.failures, 1);
  assert.equal(state?.lockedUntil, null);
  assert.deepEqual(state?.windowStartedAt, at(10));
});

test('each next lock lasts twice as long, up to maxLockMs', () => {
  const first = fail(3, undefined, 0);
  const second = fail(3, first, 20);
  assert.deepEqual(second?.lockedUntil, at(20 + 30));
  const third = fail(3, second, 60);
  assert.deepEqual(third?.lockedUntil, at(60 + 50), 'capped at maxLockMs');
  assert.equal(lockDurationMs(limit, 40), limit.maxLockMs);
});

test('a failure while locked neither extends the lock nor counts', () => {
  const locked = fail(3, undefined, 0);
  const after = fail(5, locked, 5);
  assert.deepEqual(after?.lockedUntil, at(15));
  assert.equal(after?.failures, 0);
  assert.equal(after?.lockouts, 1);
});

test('a key quiet for forgetAfterMs starts over with its earlier locks forgotten', () => {
  const locked = fail(3, undefined, 0);
  const later = fail(3, locked, 24 * 60 + 1);
  assert.equal(later?.lockouts, 1);
  assert.deepEqual(later?.lockedUntil, at(24 * 60 + 1 + 15), 'the first lock length again');
});

test('lockRemainingMs is the longest remaining lock among the records, 0 when none is locked', () => {
  const record = (lockedUntil: Date | null) => ({ key: 'k', windowStartedAt: start, failures: 0, lockouts: 0, lockedUntil, updatedAt: start });
  assert.equal(lockRemainingMs([], at(0)), 0);
  assert.equal(lockRemainingMs([record(null), record(at(1))], at(2)), 0, 'an ended lock');
  assert.equal(lockRemainingMs([record(at(5)), record(at(9)), record(null)], at(2)), 7 * MINUTE);
});

test('the default policy locks an account after 5 failures and an address after 20, both for 15 minutes', () => {
  let account: LoginAttemptState | undefined;
  for (let i = 0; i < 4; i += 1) account = afterFailure(account, DEFAULT_LOGIN_THROTTLE.account, DEFAULT_LOGIN_THROTTLE, start);
  assert.equal(account?.lockedUntil, null);
  account = afterFailure(account, DEFAULT_LOGIN_THROTTLE.account, DEFAULT_LOGIN_THROTTLE, start);
  assert.deepEqual(account.lockedUntil, at(15));
  let ip: LoginAttemptState | undefined;
  for (let i = 0; i < 19; i += 1) ip = afterFailure(ip, DEFAULT_LOGIN_THROTTLE.ip, DEFAULT_LOGIN_THROTTLE, start);
  assert.equal(ip?.lockedUntil, null);
  assert.deepEqual(afterFailure(ip, DEFAULT_LOGIN_THROTTLE.ip, DEFAULT_LOGIN_THROTTLE, start).lockedUntil, at(15));
});
