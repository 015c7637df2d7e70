/**
 * Web-app sessions: log in with email and password to get a random token
 * (sent back as the `tollgate_session` cookie; only its SHA-256 is stored),
 * log out to end it. Every login, failed or not, is logged.
 */
import { randomBytes } from 'node:crypto';
import type { AuditEntryInput } from '../core/audit-entry.ts';
import { UnauthorizedError } from '../core/errors.ts';
import { auditActorOf } from './audit-actor.ts';
import { sameDigest, sha256Hex } from './api-key-format.ts';
import { callerOf, HOW_TO_AUTHENTICATE, type Caller } from './caller.ts';
import type { IdentityContext } from './identity-context.ts';
import { countFailedLogin, forgetFailedLogins, refuseWhileLocked } from './login-lockout.ts';
import { hashPassword, spendVerificationTime, verifyPassword } from './password-hash.ts';
import { normalizeEmail } from './user-record.ts';

export const SESSION_COOKIE = 'tollgate_session';

export interface Login {
  email: string;
  password: string;
  /** Where the attempt came from, for the log. */
  ip?: string;
}

export interface Session {
  caller: Caller;
  /** The cookie value: shown to the browser once, stored hashed. */
  token: string;
  expiresAt: Date;
}

/**
 * Checks the password and opens a session; too many failures lock the account or the address (login-lockout.ts).
 * @throws UnauthorizedError `login_failed`, with the same message for an unknown email and a wrong password.
 * @throws TooManyRequestsError `login_locked` while locked, whether or not the email is a user's.
 */
export async function login(identity: IdentityContext, input: Login): Promise<Session> {
  const email = normalizeEmail(input.email);
  await refuseWhileLocked(identity, { email, ip: input.ip });
  const user = await identity.store.getUserByEmail(email);
  const matches = user?.passwordHash == null ? await spendVerificationTime(input.password).then(() => false) : await verifyPassword(input.password, user.passwordHash);
  const ip = input.ip ?? null;
  const refuse = async (reason: string, message: string): Promise<never> => {
    identity.logger.warn({ event: 'login', outcome: 'failed', reason, email, ip }, 'login failed');
    await countFailedLogin(identity, { email, ip: input.ip });
    await identity.store.recordAudit(loginEntry('login.failed', email, { email, ip, reason }, identity.clock.now()));
    throw new UnauthorizedError('login_failed', message);
  };
  if (!user || !matches) return refuse(user ? 'password' : 'unknown_user', 'the email or the password is wrong; check both, or ask an admin to set a password with `tollgate users update`');
  if (user.disabled) return refuse('disabled', `${email} is disabled; an admin can enable it with \`tollgate users update\``);
  await forgetFailedLogins(identity, email);
  const now = identity.clock.now();
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + identity.sessionTtlMs);
  await identity.store.deleteExpiredSessions(now);
  await identity.store.insertSession({ tokenHash: sha256Hex(token), userId: user.id, createdAt: now, expiresAt }, loginEntry('login.succeeded', email, { email, ip }, now));
  identity.logger.info({ event: 'login', outcome: 'succeeded', email, user: user.id, ip: input.ip ?? null }, 'login');
  return { caller: callerOf(user), token, expiresAt };
}

/** Ends the session of `token` (nothing happens for an unknown one). */
export async function logout(identity: IdentityContext, token: string): Promise<void> {
  const hash = sha256Hex(token);
  const session = await identity.store.getSession(hash);
  const user = session === undefined ? undefined : await identity.store.getUser(session.userId);
  await identity.store.deleteSession(hash, user === undefined ? undefined : loginEntry('logout', user.email, { email: user.email }, identity.clock.now()));
}

/** A login, failed login or logout, by the person it names (never the password). */
function loginEntry(action: 'login.succeeded' | 'login.failed' | 'logout', email: string, detail: { email: string; ip?: string | null; reason?: string }, at: Date): AuditEntryInput {
  return { actor: { type: 'user', id: email, via: 'session' }, action, target: { type: 'user', id: email }, detail, at };
}

/**
 * The caller a session cookie stands for.
 * @throws UnauthorizedError `unauthenticated` for an unknown or expired session, or a disabled user.
 */
export async function authenticateSession(identity: IdentityContext, token: string): Promise<Caller> {
  const hash = sha256Hex(token);
  const session = await identity.store.getSession(hash);
  if (!session || !sameDigest(session.tokenHash, hash)) throw new UnauthorizedError('unauthenticated', `the session has ended; log in again (${HOW_TO_AUTHENTICATE})`);
  if (session.expiresAt.getTime() <= identity.clock.now().getTime()) {
    await identity.store.deleteSession(hash);
    throw new UnauthorizedError('unauthenticated', `the session expired at ${session.expiresAt.toISOString()}; log in again`);
  }
  const user = await identity.store.getUser(session.userId);
  if (!user || user.disabled) throw new UnauthorizedError('unauthenticated', 'the user of this session is disabled; an admin can enable it with `tollgate users update`');
  return callerOf(user);
}

/**
 * Changes the caller's own password after checking the current one; every session of the user ends.
 * @throws UnauthorizedError `login_failed` when `current` is wrong.
 */
export async function changeOwnPassword(identity: IdentityContext, caller: Caller, input: { current: string; password: string }): Promise<void> {
  const user = await identity.store.getUser(caller.user.id);
  const matches = user?.passwordHash == null ? false : await verifyPassword(input.current, user.passwordHash);
  if (!user || !matches) {
    identity.logger.warn({ event: 'password_change', outcome: 'failed', email: caller.user.email }, 'password change refused');
    throw new UnauthorizedError('login_failed', 'the current password is wrong; give the password you log in with now');
  }
  const now = identity.clock.now();
  const audit = { actor: auditActorOf(caller), action: 'user.updated', target: { type: 'user', id: user.email }, detail: { password_changed: true }, at: now } as const;
  await identity.store.updateUser(user.id, { passwordHash: await hashPassword(input.password) }, now, audit);
  await identity.store.deleteSessionsOfUser(user.id);
  identity.logger.info({ event: 'password_change', outcome: 'succeeded', email: user.email }, 'password changed');
}
