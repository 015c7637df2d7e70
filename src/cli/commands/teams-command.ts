import { Option, type Command } from 'commander';
import { lazyAction } from '../lazy-action.ts';
import { withServerOptions } from '../server-options.ts';
import { parseEmailArgument, parseMemberFlag } from '../team-member-flag.ts';

/** `tollgate teams`: each change applies the team's `Team` document on the server, as `tollgate apply` would. */
export function registerTeamsCommand(program: Command): void {
  const teams = program.command('teams').description('list, make and change teams and their members on the running server');
  withServerOptions(teams.command('list').description('every team, with its title and how many members it has')).action(lazyAction(() => import('./teams-actions.ts'), 'listTeams'));
  withServerOptions(teams.command('show').description('a team and its members (their user, and whether it is disabled)').argument('<id>', 'team id')).action(
    lazyAction(() => import('./teams-actions.ts'), 'showTeam'),
  );
  withServerOptions(
    teams
      .command('create')
      .description('make a team; a member who is not a user yet becomes one (role approver, no password)')
      .argument('<id>', 'the team id approvals and emails name (`{team: finance}`); it cannot change later')
      .requiredOption('--title <title>', 'a name for people, e.g. "Finance approvers"')
      .option('--description <text>', 'what the team does')
      .addOption(new Option('--member <member>', 'a first member, repeatable: ops@example.com, or "Ana Diaz <ana@example.com>"').argParser(parseMemberFlag).default([])),
  ).action(lazyAction(() => import('./teams-actions.ts'), 'createTeam'));
  withServerOptions(
    teams
      .command('update')
      .description("change a team's title or description; its members stay")
      .argument('<id>', 'team id')
      .option('--title <title>', 'a new title')
      .option('--description <text>', 'a new description; "" removes it'),
  ).action(lazyAction(() => import('./teams-actions.ts'), 'updateTeam'));
  withServerOptions(
    teams
      .command('add-member')
      .description('add a member to a team; who is not a user yet becomes one (role approver, no password); adding a member twice changes nothing')
      .argument('<id>', 'team id')
      .argument('<email>', "the member's email", parseEmailArgument)
      .option('--name <name>', 'how to call them; left out, the name the team or their user has'),
  ).action(lazyAction(() => import('./teams-actions.ts'), 'addMember'));
  withServerOptions(
    teams
      .command('remove-member')
      .description('remove a member from a team; their user stays')
      .argument('<id>', 'team id')
      .argument('<email>', "the member's email", parseEmailArgument),
  ).action(lazyAction(() => import('./teams-actions.ts'), 'removeMember'));
}
