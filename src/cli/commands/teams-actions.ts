/** The actions of `tollgate teams` (teams-command.ts registers them), loaded when one runs. */
import type { Command } from 'commander';
import { NotFoundError } from '../../core/errors.ts';
import { apiRequest, segment } from '../api-client.ts';
import { ExitCode } from '../exit-codes.ts';
import { cell, formatTable, printJson, printLines } from '../output.ts';
import { warningLines } from '../report-error.ts';
import { connectionFrom } from '../server-connection.ts';
import type { ServerOptions } from '../server-options.ts';
import type { MemberFlag } from '../team-member-flag.ts';
import type { TeamChangeView, TeamMemberView, TeamView } from '../team-views.ts';

interface CreateOptions extends ServerOptions {
  title: string;
  description?: string;
  member: MemberFlag[];
}

interface UpdateOptions extends ServerOptions {
  title?: string;
  description?: string;
}

interface AddMemberOptions extends ServerOptions {
  name?: string;
}

export async function listTeams(options: ServerOptions): Promise<void> {
  const answer = await apiRequest<{ teams: TeamView[] }>(connectionFrom(options), { method: 'GET', path: '/api/v1/teams' });
  if (options.json) return printJson(answer);
  if (answer.teams.length === 0) return printLines('no teams: make one with `tollgate teams create ID --title TITLE`');
  const rows = answer.teams.map((team) => [team.id, cell(team.title, 40), String(team.members.length), cell(team.description, 60)]);
  printLines(formatTable(['id', 'title', 'members', 'description'], rows));
}

/** The API lists teams (there is no route for one): the CLI picks the team from the list. */
export async function showTeam(id: string, options: ServerOptions): Promise<void> {
  const { teams } = await apiRequest<{ teams: TeamView[] }>(connectionFrom(options), { method: 'GET', path: '/api/v1/teams' });
  const team = teams.find((item) => item.id === id);
  if (team === undefined) {
    throw new NotFoundError('team_not_found', `no team "${id}"; known teams: ${teams.map((item) => item.id).join(', ') || '(none; make one with `tollgate teams create`)'}`, { path: 'id' });
  }
  if (options.json) return printJson({ team });
  printLines(...teamLines(team));
}

export async function createTeam(id: string, options: CreateOptions): Promise<void> {
  const body = { id, title: options.title, members: options.member, ...(options.description === undefined ? {} : { description: options.description }) };
  const answer = await apiRequest<TeamChangeView>(connectionFrom(options), { method: 'POST', path: '/api/v1/teams', body: { json: body }, idempotent: true });
  report(answer, `team ${answer.team.id} created with ${memberCount(answer.team)}`, options);
}

export async function updateTeam(id: string, options: UpdateOptions, command: Command): Promise<void> {
  if (options.title === undefined && options.description === undefined) {
    command.error('error: give --title or --description (or both) to change; members change with `tollgate teams add-member` and `remove-member`', { exitCode: ExitCode.usage });
  }
  const body = { ...(options.title === undefined ? {} : { title: options.title }), ...(options.description === undefined ? {} : { description: options.description }) };
  const answer = await apiRequest<TeamChangeView>(connectionFrom(options), { method: 'POST', path: `/api/v1/teams/${segment(id)}`, body: { json: body } });
  report(answer, `team ${answer.team.id} ${answer.result.action}: ${answer.team.title}${answer.team.description === null ? '' : ` (${answer.team.description})`}`, options);
}

export async function addMember(id: string, email: string, options: AddMemberOptions): Promise<void> {
  const body = { email, ...(options.name === undefined ? {} : { name: options.name }) };
  const answer = await apiRequest<TeamChangeView>(connectionFrom(options), { method: 'POST', path: `/api/v1/teams/${segment(id)}/members`, body: { json: body } });
  const what = answer.result.action === 'unchanged' ? `${email} is a member of team ${answer.team.id} already` : `${email} added to team ${answer.team.id}`;
  report(answer, `${what}; it has ${memberCount(answer.team)}`, options);
}

export async function removeMember(id: string, email: string, options: ServerOptions): Promise<void> {
  const answer = await apiRequest<TeamChangeView>(connectionFrom(options), { method: 'POST', path: `/api/v1/teams/${segment(id)}/members/remove`, body: { json: { email } } });
  report(answer, `${email} removed from team ${answer.team.id}; it has ${memberCount(answer.team)}`, options);
}

function report(answer: TeamChangeView, headline: string, options: ServerOptions): void {
  if (options.json) return printJson(answer);
  printLines(headline, ...warningLines(answer.warnings));
}

function teamLines(team: TeamView): string[] {
  const lines = [`team         ${team.id}`, `title        ${team.title}`, `description  ${team.description ?? '-'}`];
  if (team.members.length === 0) return [...lines, 'members      none: add one with `tollgate teams add-member`'];
  const rows = team.members.map((member) => [member.email, cell(member.name, 40), member.user ?? '-', memberStatus(member)]);
  return [...lines, '', formatTable(['email', 'name', 'user', 'status'], rows)];
}

function memberStatus(member: TeamMemberView): string {
  if (member.user === null) return 'no user';
  return member.disabled ? 'disabled' : 'active';
}

function memberCount(team: TeamView): string {
  return team.members.length === 1 ? '1 member' : `${team.members.length} members`;
}
