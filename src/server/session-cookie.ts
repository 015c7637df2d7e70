/** The `tollgate_session` cookie: read from the Cookie header, written HttpOnly and SameSite=Lax. */
import { SESSION_COOKIE } from '../identity/session-login.ts';

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

/**
 * A Set-Cookie value for a session. HttpOnly keeps it from scripts; SameSite=Lax keeps it off
 * cross-site POSTs; Secure when the request came over HTTPS.
 */
export function sessionCookie(token: string, options: { expiresAt: Date; now: Date; secure: boolean }): string {
  const maxAge = Math.max(0, Math.ceil((options.expiresAt.getTime() - options.now.getTime()) / 1000));
  return [`${SESSION_COOKIE}=${encodeURIComponent(token)}`, 'Path=/', `Max-Age=${maxAge}`, 'HttpOnly', 'SameSite=Lax', ...(options.secure ? ['Secure'] : [])].join('; ');
}

/** A Set-Cookie value that removes the session cookie. */
export function clearedSessionCookie(secure: boolean): string {
  return [`${SESSION_COOKIE}=`, 'Path=/', 'Max-Age=0', 'HttpOnly', 'SameSite=Lax', ...(secure ? ['Secure'] : [])].join('; ');
}
