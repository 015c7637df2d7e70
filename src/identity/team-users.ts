/**
 * Users from `Team` documents: a team member (by email) who is not a user
 * yet becomes one, without a password, with the member's `role` from the
 * document or `approver`. Existing users keep their roles: the document
 * creates people, an admin manages them afterwards.
 */
import type { AuditActor } from '../core/audit-entry.ts';
import { CLI_ACTOR } from './audit-actor.ts';
import type { Caller } from './caller.ts';
import { requireGrantable } from './grant-limits.ts';
import type { IdentityContext } from './identity-context.ts';
import { Role } from '../core/roles.ts';
import { newUserRecord, normalizeEmail } from './user-record.ts';

/** The member role a team member gets when the document names none. */
export const DEFAULT_MEMBER_ROLE: Role = Role.approver;

export interface TeamMembers {
  members: readonly { email: string; name?: string | undefined; role?: Role | undefined }[];
}

/**
 * Creates the users a `Team` document names that do not exist yet; call it
 * when a Team document is applied. Returns the emails created; each has its
 * `user.created` audit entry, by `actor`.
 * @example await syncTeamUsers(app.identity, teamDocument, auditActorOf(caller))
 */
export async function syncTeamUsers(identity: IdentityContext, team: TeamMembers, actor: AuditActor = CLI_ACTOR): Promise<string[]> {
  const created: string[] = [];
  for (const member of team.members) {
    const email = normalizeEmail(member.email);
    if (await identity.store.getUserByEmail(email)) continue;
    const user = newUserRecord({ email, name: member.name ?? null, roles: [member.role ?? DEFAULT_MEMBER_ROLE], passwordHash: null, now: identity.clock.now() });
    const audit = { actor, action: 'user.created', target: { type: 'user', id: email }, detail: { roles: user.roles, source: 'team' }, at: user.createdAt } as const;
    if (await identity.store.insertUser(user, audit)) created.push(email);
  }
  return created;
}

/**
 * Refuses, before anything is saved, a `Team` document that would create a
 * user with a role the caller may not grant (the member's `role`, or the
 * default approver). Members who are users already gain nothing.
 * @throws ForbiddenError `grant_beyond_caller` naming the team, the member and the role.
 */
export async function requireTeamUsersGrantable(identity: IdentityContext, caller: Caller | undefined, team: TeamMembers & { id: string }): Promise<void> {
  if (caller === undefined) return;
  for (const [index, member] of team.members.entries()) {
    const email = normalizeEmail(member.email);
    if (await identity.store.getUserByEmail(email)) continue;
    const role = member.role ?? DEFAULT_MEMBER_ROLE;
    const what = `Team ${team.id} members[${index}]: the new user ${email} with the role ${role}${member.role === undefined ? ' (the default when a member names none)' : ''}`;
    requireGrantable(caller, { roles: [role] }, { what, path: `members[${index}].role` });
  }
}

/** Makes users of the team members stored without one (teams applied before identity existed, or without the hook). */
export async function createMissingTeamUsers(identity: IdentityContext): Promise<void> {
  const missing = await identity.store.teamMembersWithoutUser();
  if (missing.length > 0) await syncTeamUsers(identity, { members: missing.map((member) => ({ email: member.email, ...(member.name === null ? {} : { name: member.name }) })) });
}
