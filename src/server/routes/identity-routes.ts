import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../application/app-context.ts';
import { InvalidInputError } from '../../core/errors.ts';
import { parseDuration } from '../../core/duration.ts';
import { createApiKey, listApiKeys, revokeApiKey } from '../../identity/api-key-admin.ts';
import { requirePermission, type Caller } from '../../identity/caller.ts';
import { forgetFailedLogins } from '../../identity/login-lockout.ts';
import { changeOwnPassword, login, logout } from '../../identity/session-login.ts';
import { createUser, listedUser, listUsers, requireUser, updateUser } from '../../identity/user-admin.ts';
import type { StoredUser } from '../../store/identity-store.ts';
import { defineRoute, type ApiRoute } from '../api-route.ts';
import {
  apiKeyCreateBody,
  apiKeyCreatedResponseSchema,
  apiKeyListResponseSchema,
  apiKeyParams,
  apiKeyResponseSchema,
  loginBody,
  loginResponseSchema,
  logoutResponseSchema,
  meResponseSchema,
  passwordChangeBody,
  userCreateBody,
  userListResponseSchema,
  userParams,
  userResponseSchema,
  userUpdateBody,
  type UserBody,
} from '../identity-schemas.ts';
import { serializeApiKey, serializeUser } from '../identity-serializers.ts';
import { DEFAULT_SERVER_SECURITY, isHttps, type ServerSecurity } from '../server-security.ts';
import { clearedSessionCookies, cookieValue, sessionCookies } from '../session-cookie.ts';

/** Login, logout and who-am-I for the web app and the CLI; users and API keys. Cookies are Secure over https (`security`). */
export function identityRoutes(app: AppContext, security: Pick<ServerSecurity, 'httpsPublicUrl'> = DEFAULT_SERVER_SECURITY): ApiRoute[] {
  const { identity } = app;
  const userBody = async (user: StoredUser): Promise<UserBody> => serializeUser(await listedUser(identity, user));
  const me = (request: FastifyRequest): Caller => {
    requirePermission(request.caller, 'account.self');
    return request.caller;
  };
  return [
    defineRoute({
      method: 'POST',
      url: '/api/v1/auth/login',
      operationId: 'login',
      summary: 'Log in with email and password: sets the `tollgate_session` cookie (HttpOnly, SameSite=Lax) and the `tollgate_csrf` cookie',
      description:
        'A change (POST) sent with the session cookie must carry the header `X-Tollgate-CSRF` set to the `tollgate_csrf` cookie (403 `csrf_failed` otherwise). ' +
        'Too many failed logins lock the account or the address for a while: 429 `login_locked` with `Retry-After`.',
      tag: 'identity',
      public: true,
      body: loginBody,
      status: 200,
      response: { description: 'Logged in; the cookie authenticates the next requests', schema: loginResponseSchema },
      errors: [429],
      async handle({ body, request, reply }) {
        const session = await login(identity, { email: body.email, password: body.password, ip: request.ip });
        reply.header('set-cookie', sessionCookies(session.token, { expiresAt: session.expiresAt, now: identity.clock.now(), secure: isHttps(request, security) }));
        return { user: await userBody(await requireUser(identity, session.caller.user.id)), expires_at: session.expiresAt.toISOString() };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/auth/logout',
      operationId: 'logout',
      summary: 'End the session of the `tollgate_session` cookie and clear the cookie',
      tag: 'identity',
      public: true,
      status: 200,
      response: { description: 'Logged out', schema: logoutResponseSchema },
      async handle({ request, reply }) {
        const token = cookieValue(request.headers.cookie);
        if (token !== undefined && token !== '') await logout(identity, token);
        reply.header('set-cookie', clearedSessionCookies(isHttps(request, security)));
        return { logged_out: true as const };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/auth/me',
      operationId: 'getCurrentUser',
      summary: 'Who is calling: the user, how they authenticated and what they may do',
      tag: 'identity',
      permission: 'account.self',
      status: 200,
      response: { description: 'The caller', schema: meResponseSchema },
      async handle({ request }) {
        const caller = me(request);
        return { user: await userBody(await requireUser(identity, caller.user.id)), via: caller.via.kind, permissions: [...caller.permissions].sort() };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/auth/password',
      operationId: 'changePassword',
      summary: 'Change your own password; every session of yours ends',
      tag: 'identity',
      permission: 'account.self',
      body: passwordChangeBody,
      status: 200,
      response: { description: 'The password is changed; log in again', schema: userResponseSchema },
      async handle({ body, request, reply }) {
        const caller = me(request);
        await changeOwnPassword(identity, caller, { current: body.current, password: body.password });
        reply.header('set-cookie', clearedSessionCookies(isHttps(request, security)));
        return { user: await userBody(await requireUser(identity, caller.user.id)) };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/users',
      operationId: 'listUsers',
      summary: 'List users with their roles and teams',
      description: 'Team members named by applied `Team` documents who are not users yet are made users first (role `approver`, no password).',
      tag: 'identity',
      permission: 'identity.admin',
      status: 200,
      response: { description: 'Every user, by email', schema: userListResponseSchema },
      async handle() {
        return { users: (await listUsers(identity)).map(serializeUser) };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/users',
      operationId: 'createUser',
      summary: 'Create a user',
      tag: 'identity',
      permission: 'identity.admin',
      body: userCreateBody,
      status: 201,
      response: { description: 'The new user', schema: userResponseSchema },
      errors: [409],
      async handle({ body, request }) {
        const user = await createUser(identity, { email: body.email, name: body.name ?? null, roles: body.roles, ...(body.password === undefined ? {} : { password: body.password }) }, request.caller);
        return { user: await userBody(user) };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/users/:user',
      operationId: 'getUser',
      summary: 'One user, by id or email',
      tag: 'identity',
      permission: 'identity.admin',
      params: userParams,
      status: 200,
      response: { description: 'The user', schema: userResponseSchema },
      errors: [404],
      async handle({ params }) {
        return { user: await userBody(await requireUser(identity, params.user)) };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/users/:user',
      operationId: 'updateUser',
      summary: "Change a user's name, roles, password, or disable them",
      description: 'Disabling a user or setting a password ends their sessions. The last enabled admin cannot lose the role or be disabled (409 `last_admin`).',
      tag: 'identity',
      permission: 'identity.admin',
      params: userParams,
      body: userUpdateBody,
      status: 200,
      response: { description: 'The user, changed', schema: userResponseSchema },
      errors: [404, 409],
      async handle({ params, body, request }) {
        const update = {
          ...(body.name === undefined ? {} : { name: body.name }),
          ...(body.roles === undefined ? {} : { roles: body.roles }),
          ...(body.disabled === undefined ? {} : { disabled: body.disabled }),
          ...(body.password === undefined ? {} : { password: body.password }),
        };
        const user = await updateUser(identity, params.user, update, request.caller);
        return { user: await userBody(user) };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/users/:user/unlock',
      operationId: 'unlockUser',
      summary: "Unlock a user's login after too many failed attempts (their count starts over)",
      tag: 'identity',
      permission: 'identity.admin',
      params: userParams,
      status: 200,
      response: { description: 'The user, whose login is unlocked', schema: userResponseSchema },
      errors: [404],
      async handle({ params, request }) {
        const user = await requireUser(identity, params.user);
        await forgetFailedLogins(identity, user.email);
        identity.logger.info({ event: 'login_unlock', email: user.email, by: request.caller?.user.email ?? null }, 'login unlocked');
        return { user: await userBody(user) };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/api-keys',
      operationId: 'listApiKeys',
      summary: "List API keys: your own, or everyone's for an admin (never the secrets)",
      tag: 'identity',
      permission: 'account.self',
      status: 200,
      response: { description: 'The keys, newest first', schema: apiKeyListResponseSchema },
      async handle({ request }) {
        const now = identity.clock.now();
        return { api_keys: (await listApiKeys(identity, request.caller)).map((key) => serializeApiKey(key, now)) };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/api-keys',
      operationId: 'createApiKey',
      summary: 'Create an API key; its secret is in this answer only',
      tag: 'identity',
      permission: 'account.self',
      body: apiKeyCreateBody,
      status: 201,
      response: { description: 'The key and its secret', schema: apiKeyCreatedResponseSchema },
      errors: [404],
      async handle({ body, request }) {
        const expiresAt = expiryOf(body.expires_at, body.expires_in, identity.clock.now());
        const created = await createApiKey(identity, request.caller, {
          name: body.name,
          ...(body.scopes === undefined ? {} : { scopes: body.scopes }),
          ...(expiresAt === undefined ? {} : { expiresAt }),
          ...(body.user === undefined ? {} : { user: body.user }),
        });
        return { api_key: serializeApiKey({ key: created.key, user: created.user.email }, identity.clock.now()), secret: created.secret };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/api-keys/:id/revoke',
      operationId: 'revokeApiKey',
      summary: 'Revoke an API key: it stops working at once',
      tag: 'identity',
      permission: 'account.self',
      params: apiKeyParams,
      status: 200,
      response: { description: 'The revoked key', schema: apiKeyResponseSchema },
      errors: [404],
      async handle({ params, request }) {
        return { api_key: serializeApiKey(await revokeApiKey(identity, request.caller, params.id), identity.clock.now()) };
      },
    }),
  ];
}

function expiryOf(expiresAt: string | undefined, expiresIn: string | undefined, now: Date): Date | undefined {
  if (expiresAt !== undefined && expiresIn !== undefined) {
    throw new InvalidInputError('request_invalid', 'give expires_at or expires_in, not both', [], { path: 'body.expires_in' });
  }
  if (expiresAt !== undefined) return new Date(expiresAt);
  if (expiresIn !== undefined) return new Date(now.getTime() + parseDuration(expiresIn, 'body.expires_in'));
  return undefined;
}
