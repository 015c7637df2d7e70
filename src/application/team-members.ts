/**
 * Teams and their members for the web app's settings: listing, and adding or
 * removing one member. A change re-applies the team's `Team` document with
 * the new member list through applyDefinitions, the same path as `apply`, so
 * validation, the users a new member needs and `export` stay consistent.
 */
import { InvalidInputError, NotFoundError } from '../core/errors.ts';
import { documentFromValue } from '../definition/parse-documents.ts';
import type { Caller } from '../identity/caller.ts';
import { normalizeEmail } from '../identity/user-record.ts';
import type { TeamRecord } from '../store/records.ts';
import type { AppContext } from './app-context.ts';
import { applyDefinitions, type ApplyReport } from './apply-definitions.ts';
import { teamDocumentOf } from './team-document.ts';

export interface TeamMember {
  email: string;
  name: string | null;
  /** The member's user id, when they are a user (team documents make them users; an admin may delete nobody). */
  userId: string | null;
  disabled: boolean;
}

export interface TeamWithMembers {
  id: string;
  title: string;
  description: string | null;
  members: TeamMember[];
}

/** Every team by id, its members by email, each with the user they are. */
export async function listTeamsWithMembers(app: AppContext): Promise<TeamWithMembers[]> {
  const [teams, users] = await Promise.all([app.engine.store.listTeams(), app.identity.store.listUsers()]);
  const byEmail = new Map(users.map((user) => [user.email, user]));
  return teams.map((team) => ({
    id: team.id,
    title: team.title,
    description: team.description,
    members: team.members.map((member) => {
      const user = byEmail.get(member.email);
      return { email: member.email, name: member.name ?? user?.name ?? null, userId: user?.id ?? null, disabled: user?.disabled ?? false };
    }),
  }));
}

/** One team. @throws NotFoundError `team_not_found`. */
export async function requireTeam(app: AppContext, id: string): Promise<TeamRecord> {
  const team = await app.engine.store.getTeam(id);
  if (!team) {
    const known = (await app.engine.store.listTeams()).map((item) => item.id);
    throw new NotFoundError('team_not_found', `no team "${id}"; known teams: ${known.join(', ') || '(none; apply a Team document)'}`, { path: 'id' });
  }
  return team;
}

/**
 * Adds a member to a team by re-applying its document. A member who is not a
 * user yet becomes one (role approver, no password), as with `apply`.
 * @throws NotFoundError `team_not_found`. Adding a member twice changes nothing.
 */
export async function addTeamMember(app: AppContext, input: { team: string; email: string; name?: string | undefined; caller?: Caller | undefined }): Promise<ApplyReport> {
  const team = await requireTeam(app, input.team);
  const email = normalizeEmail(input.email);
  const others = team.members.filter((member) => member.email !== email);
  const existing = team.members.find((member) => member.email === email);
  const name = input.name ?? existing?.name ?? null;
  return reapplyTeam(app, team, [...others, { email, name, approvalLimit: existing?.approvalLimit ?? null }], input.caller);
}

/**
 * Removes a member from a team by re-applying its document. The user stays
 * (they may belong to other teams, and their history names them).
 * @throws NotFoundError `team_not_found`, `team_member_not_found`.
 */
export async function removeTeamMember(app: AppContext, input: { team: string; email: string; caller?: Caller | undefined }): Promise<ApplyReport> {
  const team = await requireTeam(app, input.team);
  const email = normalizeEmail(input.email);
  if (!team.members.some((member) => member.email === email)) {
    throw new NotFoundError('team_member_not_found', `${email} is not a member of the team ${team.id}; its members: ${team.members.map((member) => member.email).join(', ') || '(none)'}`, { path: 'email' });
  }
  return reapplyTeam(app, team, team.members.filter((member) => member.email !== email), input.caller);
}

async function reapplyTeam(app: AppContext, team: TeamRecord, members: TeamRecord['members'], caller: Caller | undefined): Promise<ApplyReport> {
  const document = teamDocumentOf({ ...team, members });
  try {
    return await applyDefinitions(app, [documentFromValue(document, { source: `Team ${team.id}` })], { caller, annotation: 'team members changed in settings' });
  } catch (error) {
    // The only document is ours: a refusal is about the member given.
    if (error instanceof InvalidInputError && error.code === 'definition_invalid') {
      throw new InvalidInputError('team_member_invalid', error.message, error.issues, { path: 'email', cause: error });
    }
    throw error;
  }
}
