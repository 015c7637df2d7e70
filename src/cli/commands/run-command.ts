import { InvalidArgumentError, Option, type Command } from 'commander';
import { parseDuration } from '../../core/duration.ts';
import { lazyAction } from '../lazy-action.ts';
import { parseInputFlag } from '../parse-input-flags.ts';
import { withServerOptions } from '../server-options.ts';

export function registerRunCommand(program: Command): void {
  const command = program
    .command('run')
    .description('start a run of a workflow; with --wait, follow it to its end (exit 0 succeeded, 1 failed or cancelled, 3 timed out)')
    .argument('<workflow>', 'workflow id')
    .addOption(new Option('-i, --input <key=value>', 'an input value, repeatable; values are strings, the server converts them by field type').argParser(parseInputFlag).default([]))
    .option('--input-file <file>', 'inputs from a JSON or YAML object (--input values win)')
    .option('--wait', 'wait for the run to end and print it')
    .addOption(new Option('--timeout <duration>', 'how long --wait waits, e.g. 30s, 5m').argParser(parseTimeout).default(60_000, '60s'));
  withServerOptions(command).action(lazyAction(() => import('./run-action.ts'), 'runCommand'));
}

function parseTimeout(value: string): number {
  try {
    return parseDuration(value, '--timeout');
  } catch {
    throw new InvalidArgumentError('write a number and a unit, e.g. 30s, 5m, 1h.');
  }
}
