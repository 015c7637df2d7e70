/**
 * The `tollgate_session` cookie (HttpOnly, SameSite=Lax, Path=/, Secure over
 * https) and the `tollgate_csrf` cookie beside it (csrf.ts): read from the
 * Cookie header, written on login, cleared on logout.
 */
import { SESSION_COOKIE } from '../identity/session-login.ts';
import { CSRF_COOKIE, csrfTokenOf } from './csrf.ts';

/** The value of cookie `name` in a Cookie header, or undefined. */
export function cookieValue(header: string | undefined, name: string = SESSION_COOKIE): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index < 0 || part.slice(0, index).trim() !== name) continue;
    const value = part.slice(index + 1).trim().replace(/^"(.*)"$/, '$1');
    try {
      return decodeURIComponent(value);
    } catch {
      return value;
    }
  }
  return undefined;
}

function cookie(name: string, value: string, options: { maxAgeSeconds: number; secure: boolean; httpOnly: boolean }): string {
  return [`${name}=${encodeURIComponent(value)}`, 'Path=/', `Max-Age=${options.maxAgeSeconds}`, ...(options.httpOnly ? ['HttpOnly'] : []), 'SameSite=Lax', ...(options.secure ? ['Secure'] : [])].join('; ');
}

/**
 * The Set-Cookie values for a session: the session cookie, which HttpOnly keeps from scripts and
 * SameSite=Lax off cross-site POSTs, and the CSRF cookie the web app reads. Secure when `secure`.
 */
export function sessionCookies(token: string, options: { expiresAt: Date; now: Date; secure: boolean }): string[] {
  const maxAgeSeconds = Math.max(0, Math.ceil((options.expiresAt.getTime() - options.now.getTime()) / 1000));
  return [cookie(SESSION_COOKIE, token, { maxAgeSeconds, secure: options.secure, httpOnly: true }), csrfCookie(token, { maxAgeSeconds, secure: options.secure })];
}

/** The CSRF cookie of a session (scripts of our origin read it; csrf.ts). */
export function csrfCookie(token: string, options: { maxAgeSeconds: number; secure: boolean }): string {
  return cookie(CSRF_COOKIE, csrfTokenOf(token), { ...options, httpOnly: false });
}

/** The Set-Cookie values that remove the session and CSRF cookies. */
export function clearedSessionCookies(secure: boolean): string[] {
  return [cookie(SESSION_COOKIE, '', { maxAgeSeconds: 0, secure, httpOnly: true }), cookie(CSRF_COOKIE, '', { maxAgeSeconds: 0, secure, httpOnly: false })];
}
