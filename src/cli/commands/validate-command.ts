import type { Command } from 'commander';
import { lazyAction } from '../lazy-action.ts';

export function registerValidateCommand(program: Command): void {
  program
    .command('validate')
    .description('check definition files without a server: syntax, schema, graph, expressions, variables, operations')
    .requiredOption('-f, --file <path...>', 'definition files or folders (repeatable)')
    .option('--json', 'print {valid, issues} as JSON')
    .action(lazyAction(() => import('./validate-action.ts'), 'validateCommand'));
}
