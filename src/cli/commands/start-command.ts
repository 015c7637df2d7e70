import type { Command } from 'commander';
import { lazyAction } from '../lazy-action.ts';
import { withDataOption, withListenOptions } from '../local-options.ts';

export function registerStartCommand(program: Command): void {
  const command = program
    .command('start')
    .description('run everything in one process: database, HTTP server, worker and schedules (the one-command first run)')
    .option('-f, --file <path...>', 'definition files or folders to apply at start (repeatable)')
    .option('--no-examples', 'do not seed the example workflows into an empty database');
  withDataOption(command);
  withListenOptions(command);
  command.action(lazyAction(() => import('./start-action.ts'), 'startCommand'));
}
