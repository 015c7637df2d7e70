/**
 * The authentication seam: the one `preHandler` hook every route passes
 * through, and the only place credentials are checked. It resolves the
 * caller from `Authorization: Bearer <API key>` or the `tollgate_session`
 * cookie, attaches it as `request.caller`, and (auth mode `required`) refuses
 * with 401 `unauthenticated` when there are no valid credentials and 403
 * `forbidden` when the caller lacks the route's `permission`
 * (identity/permissions.ts). Credentials that are sent must be valid, in any
 * mode. The error handler turns the errors into responses.
 *
 * A change sent with the session cookie must also prove it came from the web
 * app (csrf.ts); an API key needs no such proof.
 *
 * Routes marked `public` (health probes, the OpenAPI document, the definition
 * JSON Schema, webhook intake that checks its own signature, login) skip it.
 * A non-public route that declares no permission needs `identity.admin`:
 * forgetting to declare one fails closed.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { UnauthorizedError } from '../core/errors.ts';
import { authenticateApiKey } from '../identity/api-key-admin.ts';
import { requirePermission, type Caller } from '../identity/caller.ts';
import { AuthMode, type IdentityContext } from '../identity/identity-context.ts';
import type { Permission } from '../identity/permissions.ts';
import { authenticateSession } from '../identity/session-login.ts';
import { CSRF_COOKIE, requireCsrfProof } from './csrf.ts';
import { isHttps, type ServerSecurity } from './server-security.ts';
import { cookieValue, csrfCookie } from './session-cookie.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route answers without credentials (health probes, published schemas, signed webhooks). */
    public?: boolean;
    /** What the caller must be allowed to do (identity/permissions.ts). */
    permission?: Permission;
  }
  interface FastifyRequest {
    /** Who is calling; set by the authentication hook when credentials were sent. */
    caller: Caller | undefined;
  }
}

/** What a non-public route without a declared permission needs. */
export const UNDECLARED_ROUTE_PERMISSION: Permission = 'identity.admin';

/** Installs the hook on `server`: call once, before the routes are registered. */
export function installAuthentication(server: FastifyInstance, identity: IdentityContext, security: Pick<ServerSecurity, 'httpsPublicUrl'>): void {
  server.decorateRequest('caller', undefined);
  server.addHook('preHandler', (request, reply, done) => {
    // A public route (a signed webhook delivery, a health probe) passes at once, without a promise.
    if (request.is404 || request.routeOptions.config.public === true) {
      done();
      return;
    }
    authenticate(request, reply).then(() => done(), done);
  });

  async function authenticate(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const config = request.routeOptions.config;
    const caller = await callerFromCredentials(identity, request);
    if (caller?.session !== undefined) {
      requireCsrfProof(request, caller.session);
      // A session opened before CSRF cookies existed gets one, so the web app can send the header.
      if (cookieValue(request.headers.cookie, CSRF_COOKIE) === undefined) {
        reply.header('set-cookie', csrfCookie(caller.session, { maxAgeSeconds: Math.ceil(identity.sessionTtlMs / 1000), secure: isHttps(request, security) }));
      }
    }
    request.caller = caller?.caller;
    if (identity.mode === AuthMode.off) return;
    requirePermission(caller?.caller, config.permission ?? UNDECLARED_ROUTE_PERMISSION);
  }
}

/** The caller the request's credentials stand for (with the session token when the cookie authenticated it), or undefined when it sent none. */
async function callerFromCredentials(identity: IdentityContext, request: FastifyRequest): Promise<{ caller: Caller; session?: string } | undefined> {
  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    const token = match?.[1];
    if (token === undefined) throw new UnauthorizedError('unauthenticated', 'the Authorization header must be `Bearer <API key>`; create a key with `tollgate keys create`');
    return { caller: await authenticateApiKey(identity, token) };
  }
  const session = cookieValue(request.headers.cookie);
  if (session !== undefined && session !== '') return { caller: await authenticateSession(identity, session), session };
  return undefined;
}
