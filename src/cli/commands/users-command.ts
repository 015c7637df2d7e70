import { Option, type Command } from 'commander';
import { ROLES, type Role } from '../../core/roles.ts';
import { apiRequest, segment } from '../api-client.ts';
import { cell, formatTable, formatTime, printJson, printLines } from '../output.ts';
import { readSecretFromStdin } from '../read-stdin-secret.ts';
import { connectionFrom } from '../server-connection.ts';
import { withServerOptions, type ServerOptions } from '../server-options.ts';

/** A user as /api/v1/users answers it. */
export interface UserView {
  id: string;
  email: string;
  name: string | null;
  roles: Role[];
  teams: string[];
  disabled: boolean;
  has_password: boolean;
  /** While too many failed logins lock the account: when the lock ends; null otherwise. */
  locked_until: string | null;
  created_at: string;
  updated_at: string;
}

interface CreateOptions extends ServerOptions {
  name?: string;
  role: Role[];
  passwordStdin?: boolean;
}

interface UpdateOptions extends ServerOptions {
  name?: string;
  role?: Role[];
  disable?: boolean;
  enable?: boolean;
  passwordStdin?: boolean;
}

const roleOption = (description: string) => new Option('--role <role...>', description).choices(ROLES);

export function registerUsersCommand(program: Command): void {
  const users = program.command('users').description('list, create and change users on the running server (admins)');
  withServerOptions(users.command('list').description('every user with their roles and teams, and whose login is locked until when')).action(listUsers);
  withServerOptions(
    users
      .command('create')
      .description('create a user')
      .argument('<email>', 'their email (the login)')
      .option('--name <name>', 'their name')
      .addOption(roleOption('their role(s)').makeOptionMandatory())
      .option('--password-stdin', 'read their password (12+ characters) from stdin; without it they log in once one is set'),
  ).action(createUser);
  withServerOptions(
    users
      .command('update')
      .description("change a user's name, roles or password, or disable them")
      .argument('<user>', 'their email or id')
      .option('--name <name>', 'a new name')
      .addOption(roleOption('replace their roles'))
      .addOption(new Option('--disable', 'disable: no login, API keys stop working').conflicts('enable'))
      .option('--enable', 'enable again')
      .option('--password-stdin', 'read a new password from stdin (ends their sessions)'),
  ).action(updateUser);
  withServerOptions(
    users.command('unlock').description('let a user log in again after too many failed attempts').argument('<user>', 'their email or id'),
  ).action(unlockUser);
}

async function listUsers(options: ServerOptions): Promise<void> {
  const answer = await apiRequest<{ users: UserView[] }>(connectionFrom(options), { method: 'GET', path: '/api/v1/users' });
  if (options.json) return printJson(answer);
  if (answer.users.length === 0) return printLines('no users');
  const rows = answer.users.map((user) => [user.email, cell(user.name, 30), user.roles.join(','), cell(user.teams.join(',')), statusOf(user), formatTime(user.locked_until), formatTime(user.created_at)]);
  printLines(formatTable(['email', 'name', 'roles', 'teams', 'status', 'locked until', 'created'], rows));
  const locked = answer.users.filter((user) => user.locked_until !== null);
  if (locked.length > 0) printLines('', `${locked.length === 1 ? 'a login is' : `${locked.length} logins are`} locked after too many failed attempts: \`tollgate users unlock <email>\` lets them in again now`);
}

async function createUser(email: string, options: CreateOptions): Promise<void> {
  const password = options.passwordStdin ? await readSecretFromStdin('password') : undefined;
  const answer = await apiRequest<{ user: UserView }>(connectionFrom(options), {
    method: 'POST',
    path: '/api/v1/users',
    body: { json: { email, roles: options.role, ...(options.name === undefined ? {} : { name: options.name }), ...(password === undefined ? {} : { password }) } },
  });
  if (options.json) return printJson(answer);
  printLines(`user ${answer.user.email} created (${answer.user.roles.join(', ')})${answer.user.has_password ? '' : '; no password yet: set one with `tollgate users update --password-stdin`'}`);
}

async function updateUser(user: string, options: UpdateOptions): Promise<void> {
  const password = options.passwordStdin ? await readSecretFromStdin('password') : undefined;
  const disabled = options.disable ? true : options.enable ? false : undefined;
  const answer = await apiRequest<{ user: UserView }>(connectionFrom(options), {
    method: 'POST',
    path: `/api/v1/users/${segment(user)}`,
    body: {
      json: {
        ...(options.name === undefined ? {} : { name: options.name }),
        ...(options.role === undefined ? {} : { roles: options.role }),
        ...(disabled === undefined ? {} : { disabled }),
        ...(password === undefined ? {} : { password }),
      },
    },
  });
  if (options.json) return printJson(answer);
  printLines(`user ${answer.user.email}: ${answer.user.roles.join(', ')}, ${statusOf(answer.user)}`);
}

async function unlockUser(user: string, options: ServerOptions): Promise<void> {
  const answer = await apiRequest<{ user: UserView }>(connectionFrom(options), { method: 'POST', path: `/api/v1/users/${segment(user)}/unlock` });
  if (options.json) return printJson(answer);
  printLines(`user ${answer.user.email}: login unlocked`);
}

function statusOf(user: UserView): string {
  if (user.disabled) return 'disabled';
  return user.has_password ? 'active' : 'no password';
}
