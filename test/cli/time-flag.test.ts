/** The one parser of the CLI's time flags: a duration back from now or an ISO time, on every list command that takes a time. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Command, CommanderError } from 'commander';
import { registerAuditCommand } from '../../src/cli/commands/audit-command.ts';
import { registerEventsCommand } from '../../src/cli/commands/events-command.ts';
import { registerRequestsCommand } from '../../src/cli/commands/requests-command.ts';
import { parseTime } from '../../src/cli/time-flag.ts';

test('a duration is that long before now, as the web app windows are; an ISO time is itself', () => {
  for (const [flag, ms] of [['1h', 3_600_000], ['24h', 86_400_000], ['7d', 7 * 86_400_000], ['30d', 30 * 86_400_000], ['90m', 5_400_000]] as const) {
    const before = Date.now();
    const parsed = Date.parse(parseTime(flag));
    assert.ok(parsed >= before - ms && parsed <= Date.now() - ms, `${flag} is ${ms} ms ago`);
  }
  assert.equal(parseTime('2026-03-01T09:00:00+01:00'), '2026-03-01T08:00:00.000Z');
  assert.equal(parseTime('2026-03-01'), '2026-03-01T00:00:00.000Z');
});

test('anything else is refused with what to write', () => {
  for (const refused of ['yesterday', '24', 'h24', '24 hours', '-1h', '', 'March 1']) {
    assert.throws(() => parseTime(refused), /give a duration ago \(30m, 2h, 1d\) or an ISO time/, `"${refused}"`);
  }
});

/** Parses `args` as the CLI would, up to the action: the usage error commander reports, or none. */
function usageError(register: (program: Command) => void, args: string[]): string | undefined {
  const program = new Command().exitOverride().configureOutput({ writeErr: () => undefined, writeOut: () => undefined });
  register(program);
  for (const command of program.commands.flatMap((group) => [group, ...group.commands])) {
    command.exitOverride().configureOutput({ writeErr: () => undefined, writeOut: () => undefined }).action(() => undefined);
  }
  try {
    program.parse(args, { from: 'user' });
    return undefined;
  } catch (error) {
    if (error instanceof CommanderError) return error.message;
    throw error;
  }
}

test('events list and requests list take --since/--until, and audit list --from/--to, the same way', () => {
  assert.equal(usageError(registerRequestsCommand, ['requests', 'list', '--since', '7d', '--until', '2026-03-01T00:00:00Z']), undefined);
  assert.match(usageError(registerRequestsCommand, ['requests', 'list', '--until', 'this week']) ?? '', /option '--until <when>' argument 'this week' is invalid\. give a duration ago/);
  assert.equal(usageError(registerEventsCommand, ['events', 'list', '--since', '24h', '--until', '1h']), undefined);
  assert.match(usageError(registerEventsCommand, ['events', 'list', '--since', 'yesterday']) ?? '', /option '--since <when>' argument 'yesterday' is invalid\. give a duration ago/);
  assert.equal(usageError(registerAuditCommand, ['audit', 'list', '--from', '7d', '--to', '2026-03-01T00:00:00Z']), undefined);
  assert.match(usageError(registerAuditCommand, ['audit', 'list', '--from', 'last week']) ?? '', /option '--from <time>' argument 'last week' is invalid\. give a duration ago/);
});
