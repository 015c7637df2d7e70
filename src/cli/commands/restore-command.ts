import type { Command } from 'commander';
import { lazyAction } from '../lazy-action.ts';
import { withDataOption } from '../local-options.ts';

export function registerRestoreCommand(program: Command): void {
  const command = program
    .command('restore')
    .description('put a tollgate backup copy in place of the SQLite database (under --data) while Tollgate is stopped; the database it replaces is kept aside. With PostgreSQL, use pg_restore')
    .argument('<file>', 'the backup file tollgate backup wrote')
    .option('--json', 'print JSON instead of text');
  withDataOption(command);
  command.action(lazyAction(() => import('./restore-action.ts'), 'restoreCommand'));
}
