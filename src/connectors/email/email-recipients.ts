import { isEmailAddress } from '../../core/email-address.ts';
import { PermanentError } from '../../core/errors.ts';
import type { TeamDirectory, TeamMember } from './team-directory.ts';

/**
 * Resolves a `to` or `cc` parameter into distinct people: an address
 * (`"a@x.com"`, or several separated by commas), `{team: id}`,
 * `{users: [emails]}`, or a list mixing these. Duplicates (compared without
 * case) are kept once, first place wins.
 */
export async function resolveRecipients(value: unknown, options: { teams: TeamDirectory; param: string; required: boolean }): Promise<TeamMember[]> {
  const found: TeamMember[] = [];
  const seen = new Set<string>();
  const add = (member: TeamMember, path: string): void => {
    const email = member.email.trim();
    if (!isEmailAddress(email)) {
      throw new PermanentError('email_address_invalid', `${path}: "${email}" is not an email address; write it as name@example.com (or name@localhost)`, { path });
    }
    if (seen.has(email.toLowerCase())) return;
    seen.add(email.toLowerCase());
    found.push({ email, name: member.name });
  };
  const visit = async (item: unknown, path: string): Promise<void> => {
    if (typeof item === 'string') {
      for (const part of item.split(',').map((text) => text.trim()).filter((text) => text !== '')) add({ email: part, name: null }, path);
      return;
    }
    if (Array.isArray(item)) {
      for (const [index, entry] of item.entries()) await visit(entry, `${path}[${index}]`);
      return;
    }
    if (item !== null && typeof item === 'object' && 'team' in item) {
      const teamId = item.team;
      if (typeof teamId !== 'string' || teamId === '') {
        throw new PermanentError('email_recipient_invalid', `${path}.team: expected a team id`, { path: `${path}.team` });
      }
      const members = await options.teams.membersOf(teamId);
      if (members === undefined) {
        throw new PermanentError('team_not_found', `${path}.team: no team "${teamId}"; define it with a Team document or pick an existing team`, { path: `${path}.team` });
      }
      if (members.length === 0) {
        throw new PermanentError('team_empty', `${path}.team: team "${teamId}" has no members to email; add members to the team`, { path: `${path}.team` });
      }
      for (const member of members) add(member, `${path}.team`);
      return;
    }
    if (item !== null && typeof item === 'object' && 'users' in item) {
      const users = item.users;
      if (!Array.isArray(users) || users.length === 0) {
        throw new PermanentError('email_recipient_invalid', `${path}.users: expected a list of email addresses`, { path: `${path}.users` });
      }
      for (const [index, user] of users.entries()) {
        if (typeof user !== 'string') throw new PermanentError('email_recipient_invalid', `${path}.users[${index}]: expected an email address`, { path: `${path}.users[${index}]` });
        add({ email: user, name: null }, `${path}.users[${index}]`);
      }
      return;
    }
    if (item === undefined || item === null) return;
    throw new PermanentError('email_recipient_invalid', `${path}: expected an address, {team: id}, {users: [emails]} or a list of these; got ${JSON.stringify(item)}`, { path });
  };
  await visit(value, options.param);
  if (options.required && found.length === 0) {
    throw new PermanentError('email_recipient_missing', `${options.param}: the email has no recipient; give an address, {team: id} or {users: [emails]}`, { path: options.param });
  }
  return found;
}

/** `"Ann Lee" <ann@example.com>`, or the bare address when there is no name. */
export function formatAddress(member: TeamMember): string {
  if (member.name === null || member.name.trim() === '') return member.email;
  const name = member.name.replace(/[\r\n]+/g, ' ').replace(/["\\]/g, '\\$&');
  return `"${name}" <${member.email}>`;
}
