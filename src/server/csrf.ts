/**
 * CSRF proof for cookie sessions. A change (POST, PUT, PATCH, DELETE)
 * authenticated by the session cookie must carry `X-Tollgate-CSRF` equal to
 * the `tollgate_csrf` cookie, which login sets next to the session cookie and
 * scripts of our own origin can read (not HttpOnly). Another site can make
 * the browser send our cookies but can neither read them nor set that
 * header. The token is a hash of the session token, so it is checked
 * against the session itself and reveals nothing of it.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { ForbiddenError } from '../core/errors.ts';

export const CSRF_COOKIE = 'tollgate_csrf';
export const CSRF_HEADER = 'x-tollgate-csrf';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The CSRF token of a session: derived from its token, so no more state is kept. */
export function csrfTokenOf(sessionToken: string): string {
  return createHash('sha256').update(`tollgate-csrf:${sessionToken}`).digest('base64url');
}

/**
 * Refuses a change sent with the session cookie `sessionToken` without the matching header.
 * @throws ForbiddenError `csrf_failed`.
 */
export function requireCsrfProof(request: FastifyRequest, sessionToken: string): void {
  if (SAFE_METHODS.has(request.method)) return;
  const sent = request.headers[CSRF_HEADER];
  const expected = Buffer.from(csrfTokenOf(sessionToken));
  const given = Buffer.from(typeof sent === 'string' ? sent : '');
  if (given.length === expected.length && timingSafeEqual(given, expected)) return;
  throw new ForbiddenError(
    'csrf_failed',
    `a change sent with the session cookie needs the header X-Tollgate-CSRF set to the value of the ${CSRF_COOKIE} cookie (the web app sends it); programs should send an API key instead`,
    { path: `headers.${CSRF_HEADER}` },
  );
}
