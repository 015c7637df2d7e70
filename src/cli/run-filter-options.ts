import { Option, type Command } from 'commander';
import { RunStatus } from '../core/statuses.ts';
import { parseTime } from './time-flag.ts';

/** `runs retry` and `runs cancel`: filter flags that would act on more runs than this ask first (--yes, or a prompt on a terminal). */
export const CONFIRM_ABOVE = 10;

/** The runs list's filter flags, as parsed: `since` and `until` already ISO times. */
export interface RunFilterFlags {
  workflow?: string;
  status?: RunStatus;
  since?: string;
  until?: string;
}

/**
 * Adds `--workflow`, `--status`, `--since` and `--until` (runs created in that window) to `runs list`,
 * `runs retry` and `runs cancel`. A time is a duration back from now (`2h`, `1d`) or an ISO time; a
 * malformed one is a usage error naming the flag, before any request.
 */
export function withRunFilterOptions(command: Command): Command {
  return command
    .option('--workflow <id>', 'only runs of this workflow')
    .addOption(new Option('--status <status>', 'only runs in this status').choices(Object.values(RunStatus)))
    .addOption(new Option('--since <when>', 'only runs started at or after this: a duration ago (2h, 1d) or an ISO time').argParser(parseTime))
    .addOption(new Option('--until <when>', 'only runs started before this: a duration ago (30m) or an ISO time').argParser(parseTime));
}

/** The flags as GET /api/v1/runs query fields (and the `filter` of the bulk calls). */
export function runFilterQuery(flags: RunFilterFlags): { workflow?: string; status?: RunStatus; created_after?: string; created_before?: string } {
  return {
    ...(flags.workflow === undefined ? {} : { workflow: flags.workflow }),
    ...(flags.status === undefined ? {} : { status: flags.status }),
    ...(flags.since === undefined ? {} : { created_after: flags.since }),
    ...(flags.until === undefined ? {} : { created_before: flags.until }),
  };
}

/** Whether any filter flag was given. */
export function hasRunFilter(flags: RunFilterFlags): boolean {
  return Object.keys(runFilterQuery(flags)).length > 0;
}
