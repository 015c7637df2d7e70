/**
 * The caller of an API request: a user, how they proved it (an API key or a
 * session) and what they may do. `requirePermission` is the one check every
 * route goes through (authenticate.ts calls it).
 */
import { ForbiddenError, UnauthorizedError } from '../core/errors.ts';
import type { StoredApiKey, StoredUser } from '../store/identity-store.ts';
import { permissionsOf, permissionsOfScopes, rolesWith, type Permission } from './permissions.ts';
import type { Role } from '../core/roles.ts';

export interface CallerUser {
  id: string;
  email: string;
  name: string | null;
  roles: Role[];
}

export type CallerCredential = { kind: 'api_key'; keyId: string; scopes: string[] | null } | { kind: 'session' };

export interface Caller {
  user: CallerUser;
  via: CallerCredential;
  /** The user's roles' permissions, narrowed by the API key's scopes. */
  permissions: ReadonlySet<Permission>;
}

export const HOW_TO_AUTHENTICATE = 'send an API key as `Authorization: Bearer tg_...` (create one with `tollgate keys create`) or log in with POST /api/v1/auth/login';

export function callerOf(user: StoredUser, key?: StoredApiKey): Caller {
  const fromRoles = permissionsOf(user.roles);
  const scoped = key?.scopes == null ? fromRoles : intersect(fromRoles, permissionsOfScopes(key.scopes));
  return {
    user: { id: user.id, email: user.email, name: user.name, roles: user.roles },
    via: key === undefined ? { kind: 'session' } : { kind: 'api_key', keyId: key.id, scopes: key.scopes },
    permissions: scoped,
  };
}

function intersect<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): Set<T> {
  return new Set([...a].filter((item) => b.has(item)));
}

/**
 * Refuses a caller that does not hold `permission`.
 * @throws UnauthorizedError `unauthenticated` without a caller; ForbiddenError `forbidden` naming the permission and the roles that have it.
 */
export function requirePermission(caller: Caller | undefined, permission: Permission): asserts caller is Caller {
  if (caller === undefined) throw new UnauthorizedError('unauthenticated', `this needs credentials: ${HOW_TO_AUTHENTICATE}`);
  if (caller.permissions.has(permission)) return;
  const roles = rolesWith(permission).join(', ');
  const held = caller.user.roles.length === 0 ? 'no role' : `the role(s) ${caller.user.roles.join(', ')}`;
  const key = caller.via.kind === 'api_key' ? caller.via : undefined;
  const why =
    key !== undefined && permissionsOf(caller.user.roles).has(permission)
      ? `your roles allow it, but the API key tg_${key.keyId} is limited to the scopes ${(key.scopes ?? []).join(', ')}; use a key with this scope`
      : `${caller.user.email} has ${held}; ask an admin for one of those roles`;
  throw new ForbiddenError('forbidden', `this needs the permission "${permission}", which the roles ${roles} have; ${why}`, {
    details: { permission, roles: rolesWith(permission) },
  });
}
