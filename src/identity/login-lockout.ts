/**
 * Applies the login throttling policy (login-throttle.ts) to the failures the
 * store counts: refuse while locked, count a failure, forget an account's
 * failures after a successful login or an admin's unlock.
 */
import { TooManyRequestsError } from '../core/errors.ts';
import type { IdentityContext } from './identity-context.ts';
import { accountKey, afterFailure, DEFAULT_LOGIN_THROTTLE, ipKey, lockRemainingMs } from './login-throttle.ts';

/** Who is trying to log in: the email given (lowercase) and the client address, if known. */
export interface LoginSource {
  email: string;
  ip?: string | undefined;
}

function keysOf(source: LoginSource): string[] {
  return [accountKey(source.email), ...(source.ip === undefined ? [] : [ipKey(source.ip)])];
}

/**
 * Refuses a login while the account or the address is locked, with the same
 * answer whether or not a user has the email.
 * @throws TooManyRequestsError `login_locked`, with how long to wait.
 */
export async function refuseWhileLocked(identity: IdentityContext, source: LoginSource): Promise<void> {
  const now = identity.clock.now();
  const remainingMs = lockRemainingMs(await identity.loginAttempts.get(keysOf(source)), now);
  if (remainingMs <= 0) return;
  identity.logger.warn({ event: 'login', outcome: 'locked', email: source.email, ip: source.ip ?? null, retry_after_s: Math.ceil(remainingMs / 1000) }, 'login refused while locked');
  throw new TooManyRequestsError('login_locked', `too many failed logins for this account or from this address; try again in ${Math.ceil(remainingMs / 60_000)} minute(s), or ask an admin to unlock it with \`tollgate users unlock\``, {
    retryAfterMs: remainingMs,
  });
}

/** Counts a failed login against the account and the address. */
export async function countFailedLogin(identity: IdentityContext, source: LoginSource): Promise<void> {
  const now = identity.clock.now();
  const policy = DEFAULT_LOGIN_THROTTLE;
  await identity.loginAttempts.deleteIdle({ before: new Date(now.getTime() - policy.forgetAfterMs), now });
  await identity.loginAttempts.update(accountKey(source.email), (current) => afterFailure(current, policy.account, policy, now));
  if (source.ip !== undefined) await identity.loginAttempts.update(ipKey(source.ip), (current) => afterFailure(current, policy.ip, policy, now));
}

/**
 * The accounts among `emails` (lowercase) whose login is locked now, each with when its lock ends. A lock
 * on a client address is not an account's: it is left out.
 */
export async function lockedAccounts(identity: IdentityContext, emails: readonly string[]): Promise<Map<string, Date>> {
  const now = identity.clock.now();
  const emailOf = new Map(emails.map((email) => [accountKey(email), email]));
  const locked = new Map<string, Date>();
  for (const record of await identity.loginAttempts.get([...emailOf.keys()])) {
    const email = emailOf.get(record.key);
    if (email !== undefined && record.lockedUntil !== null && record.lockedUntil.getTime() > now.getTime()) locked.set(email, record.lockedUntil);
  }
  return locked;
}

/** Forgets the account's failures (a successful login, or an admin's unlock); the address's stay counted. */
export async function forgetFailedLogins(identity: IdentityContext, email: string): Promise<void> {
  await identity.loginAttempts.delete(accountKey(email));
}
