/** Creating, changing and listing users: the use cases behind /api/v1/users and `tollgate users`. */
import type { AuditEntryInput } from '../core/audit-entry.ts';
import { auditJson } from '../core/audit-detail.ts';
import { ConflictError, InvalidInputError, NotFoundError } from '../core/errors.ts';
import { auditActorOf } from './audit-actor.ts';
import type { StoredUser, UserChanges } from '../store/identity-store.ts';
import type { Caller } from './caller.ts';
import { requireGrantable } from './grant-limits.ts';
import type { IdentityContext } from './identity-context.ts';
import { lockedAccounts } from './login-lockout.ts';
import { hashPassword } from './password-hash.ts';
import { Role } from '../core/roles.ts';
import { createMissingTeamUsers } from './team-users.ts';
import { newUserRecord, normalizeEmail } from './user-record.ts';

export interface NewUser {
  email: string;
  name?: string | null;
  roles: Role[];
  /** Left out: the user cannot log in until a password is set (API keys still work). */
  password?: string;
}

export interface UserUpdate {
  name?: string | null;
  roles?: Role[];
  disabled?: boolean;
  password?: string;
}

/** A user as the users list shows them: with the teams that name their email, and when their login lock ends if locked now. */
export interface ListedUser {
  user: StoredUser;
  teams: string[];
  lockedUntil: Date | null;
}

/**
 * Creates a user with roles the caller may grant (no caller: authentication is off, or the system itself).
 * @throws ConflictError `user_exists` when the email is taken; InvalidInputError for no role or a short password;
 *   ForbiddenError `grant_beyond_caller` for a role that stands for more than the caller holds.
 */
export async function createUser(identity: IdentityContext, input: NewUser, caller?: Caller): Promise<StoredUser> {
  if (input.roles.length === 0) throw new InvalidInputError('roles_missing', 'give the user at least one role: admin, editor, approver, requester or viewer', [], { path: 'roles' });
  requireGrantable(caller, { roles: input.roles }, { what: `the role(s) ${input.roles.join(', ')} for ${normalizeEmail(input.email)}`, path: 'roles' });
  const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
  const user = newUserRecord({ email: input.email, name: input.name ?? null, roles: input.roles, passwordHash, now: identity.clock.now() });
  const audit = { actor: auditActorOf(caller), action: 'user.created', target: { type: 'user', id: user.email }, detail: { name: user.name, roles: user.roles, password_set: passwordHash !== null }, at: user.createdAt } as const;
  if (!(await identity.store.insertUser(user, audit))) {
    throw new ConflictError('user_exists', `a user with the email ${user.email} exists already; change it with POST /api/v1/users/${user.email} (\`tollgate users update\`)`, { path: 'email' });
  }
  return user;
}

/** A user by id (`usr_...`) or email. @throws NotFoundError `user_not_found`. */
export async function requireUser(identity: IdentityContext, idOrEmail: string): Promise<StoredUser> {
  const user = idOrEmail.includes('@') ? await identity.store.getUserByEmail(normalizeEmail(idOrEmail)) : await identity.store.getUser(idOrEmail);
  if (!user) throw new NotFoundError('user_not_found', `no user "${idOrEmail}"; list users with \`tollgate users list\``, { path: 'user' });
  return user;
}

/**
 * Changes a user's name, roles, password or disabled flag. Disabling a user or
 * setting a password ends their sessions. The last enabled admin keeps the
 * admin role and stays enabled. Roles the user gains must be ones the caller may grant.
 * @throws ConflictError `last_admin`; ForbiddenError `grant_beyond_caller`.
 */
export async function updateUser(identity: IdentityContext, idOrEmail: string, update: UserUpdate, caller?: Caller): Promise<StoredUser> {
  const user = await requireUser(identity, idOrEmail);
  if (update.roles?.length === 0) throw new InvalidInputError('roles_missing', 'give the user at least one role, or disable the user instead', [], { path: 'roles' });
  const gained = (update.roles ?? []).filter((role) => !user.roles.includes(role));
  if (gained.length > 0) requireGrantable(caller, { roles: gained }, { what: `the role(s) ${gained.join(', ')} for ${user.email}`, path: 'roles' });
  const losesAdmin = (update.roles !== undefined && !update.roles.includes(Role.admin)) || update.disabled === true;
  if (user.roles.includes(Role.admin) && !user.disabled && losesAdmin && (await identity.store.countEnabledAdmins()) <= 1) {
    throw new ConflictError('last_admin', `${user.email} is the only enabled admin; make another user admin first, or nobody could manage users`, { path: update.disabled === true ? 'disabled' : 'roles' });
  }
  const changes: UserChanges = {
    ...(update.name === undefined ? {} : { name: update.name }),
    ...(update.roles === undefined ? {} : { roles: [...new Set(update.roles)] }),
    ...(update.disabled === undefined ? {} : { disabled: update.disabled }),
    ...(update.password === undefined ? {} : { passwordHash: await hashPassword(update.password) }),
  };
  await identity.store.updateUser(user.id, changes, identity.clock.now(), userUpdatedEntry(user, update, caller, identity.clock.now()));
  if (update.disabled === true || update.password !== undefined) await identity.store.deleteSessionsOfUser(user.id);
  return requireUser(identity, user.id);
}

/** What an update changed, before and after (a password only as `password_changed`). */
function userUpdatedEntry(user: StoredUser, update: UserUpdate, caller: Caller | undefined, at: Date): AuditEntryInput {
  const fields = (['name', 'roles', 'disabled'] as const).filter((field) => update[field] !== undefined);
  const pick = (source: Pick<StoredUser, 'name' | 'roles' | 'disabled'> | UserUpdate) => Object.fromEntries(fields.map((field) => [field, auditJson(source[field])]));
  return {
    actor: auditActorOf(caller),
    action: 'user.updated',
    target: { type: 'user', id: user.email },
    detail: { before: pick(user), after: pick(update), ...(update.roles === undefined ? {} : { role_changed: true }), ...(update.password === undefined ? {} : { password_changed: true }) },
    at,
  };
}

/**
 * Every user with the teams they belong to and their login lock. Team members that `Team`
 * documents named but that are not users yet become users first (role
 * `approver`, no password).
 */
export async function listUsers(identity: IdentityContext): Promise<ListedUser[]> {
  await createMissingTeamUsers(identity);
  const users = await identity.store.listUsers();
  const emails = users.map((user) => user.email);
  const [teams, locks] = await Promise.all([identity.store.teamsByEmail(emails), lockedAccounts(identity, emails)]);
  return users.map((user) => ({ user, teams: teams.get(user.email) ?? [], lockedUntil: locks.get(user.email) ?? null }));
}

/** One user with their teams and login lock, as `listUsers` shows each. */
export async function listedUser(identity: IdentityContext, user: StoredUser): Promise<ListedUser> {
  const [teams, locks] = await Promise.all([identity.store.teamsByEmail([user.email]), lockedAccounts(identity, [user.email])]);
  return { user, teams: teams.get(user.email) ?? [], lockedUntil: locks.get(user.email) ?? null };
}
