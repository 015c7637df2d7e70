import type { Command } from 'commander';
import { lazyAction } from '../lazy-action.ts';
import { withDataOption } from '../local-options.ts';

export function registerBackupCommand(program: Command): void {
  const command = program
    .command('backup')
    .description('copy the SQLite database (under --data) to a new file while Tollgate runs, and check the copy; with PostgreSQL, use pg_dump')
    .argument('<file>', 'the backup file to write (never overwritten)')
    .option('--json', 'print JSON instead of text');
  withDataOption(command);
  command.action(lazyAction(() => import('./backup-action.ts'), 'backupCommand'));
}
