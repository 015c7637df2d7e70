import type { Command } from 'commander';
import { lazyAction } from '../lazy-action.ts';
import { withDataOption } from '../local-options.ts';

export function registerMigrateCommand(program: Command): void {
  const command = program
    .command('migrate')
    .description('apply pending database migrations (DATABASE_URL, else SQLite under --data) and list them')
    .option('--json', 'print JSON instead of text');
  withDataOption(command);
  command.action(lazyAction(() => import('./migrate-action.ts'), 'migrateCommand'));
}
