/**
 * No path grants more than the caller has. Roles given to people (creating a
 * user, changing their roles, a `Team` document's members) and the scopes of
 * an API key stand for permissions (permissions.ts); each of those must be one
 * the caller holds itself, after its own API key's scopes narrowed it.
 */
import { ForbiddenError } from '../core/errors.ts';
import type { Caller } from './caller.ts';
import { permissionsOf, permissionsOfScopes, type Permission } from './permissions.ts';
import type { Role } from '../core/roles.ts';

/** What is about to be granted: roles to a person, or scopes to an API key. */
export type Grant = { roles: readonly Role[] } | { scopes: readonly string[] };

export interface GrantCheck {
  /** What the grant is, for the message: `the role admin for new.person@example.com`. */
  what: string;
  /** Where in the input the grant is, e.g. `roles` or `members[0].role`. */
  path: string;
}

/** The permissions `grant` stands for that `caller` does not hold (none without a caller: authentication is off). */
export function permissionsBeyondCaller(caller: Caller | undefined, grant: Grant): Permission[] {
  if (caller === undefined) return [];
  const granted = 'roles' in grant ? permissionsOf(grant.roles) : permissionsOfScopes(grant.scopes);
  return [...granted].filter((permission) => !caller.permissions.has(permission)).sort();
}

/**
 * Refuses a grant that stands for a permission the caller lacks.
 * @throws ForbiddenError `grant_beyond_caller`, naming what was refused and the permissions it would give; `details.refused` lists them.
 * @example requireGrantable(caller, { roles: ['admin'] }, { what: 'the role admin for ann@example.com', path: 'roles' })
 */
export function requireGrantable(caller: Caller | undefined, grant: Grant, check: GrantCheck): void {
  const beyond = permissionsBeyondCaller(caller, grant);
  if (beyond.length === 0) return;
  throw new ForbiddenError(
    'grant_beyond_caller',
    `${check.what}: refused, as it would give ${beyond.join(', ')}, which you (${caller?.user.email ?? 'the caller'}) do not hold; ` +
      'grant only what you may do yourself, or ask an admin',
    { path: check.path, details: { refused: beyond } },
  );
}
