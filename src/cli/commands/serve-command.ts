import type { Command } from 'commander';
import { lazyAction } from '../lazy-action.ts';
import { withDataOption, withListenOptions } from '../local-options.ts';

export function registerServeCommand(program: Command): void {
  const command = program
    .command('serve')
    .description('run the HTTP server only (no worker): for PostgreSQL deployments with separate `tollgate worker` processes');
  withDataOption(command);
  withListenOptions(command);
  command.action(lazyAction(() => import('./serve-action.ts'), 'serveCommand'));
}
