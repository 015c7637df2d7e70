import { Option, type Command } from 'commander';
import { lazyAction } from '../lazy-action.ts';
import { withDataOption } from '../local-options.ts';
import { withServerOptions } from '../server-options.ts';
import { parseTime } from '../time-flag.ts';
import { parseWholeNumber } from './audit-arguments.ts';

function withFilters(command: Command): Command {
  return command
    .option('--actor <id>', "the actor's email, run id or system part")
    .option('--action <action...>', 'one or several actions, e.g. money.moved login.failed')
    .option('--target-type <type>', 'target type: workflow, run, user, charge, ...')
    .option('--target-id <id>', 'target id')
    .option('--service <id>', 'catalog service id')
    .option('--offering <id>', 'catalog offering id')
    .addOption(new Option('--from <time>', 'at or after this time: a duration ago (24h, 7d) or an ISO time').argParser(parseTime))
    .addOption(new Option('--to <time>', 'before this time: a duration ago (1h) or an ISO time').argParser(parseTime));
}

export function registerAuditCommand(program: Command): void {
  const audit = program.command('audit').description('the tamper-evident audit trail: list, show, export, verify, purge');
  withServerOptions(
    withFilters(audit.command('list').description('list audit entries, newest first'))
      .addOption(new Option('--limit <n>', 'entries per page, 1 to 500 (default 50)').argParser(parseWholeNumber))
      .addOption(new Option('--cursor <seq>', 'continue where the previous page ended').argParser(parseWholeNumber)),
  ).action(lazyAction(() => import('./audit-actions.ts'), 'listEntries'));
  withServerOptions(audit.command('show').description('one entry with its detail (before and after)').argument('<seq>', 'entry seq')).action(lazyAction(() => import('./audit-actions.ts'), 'showEntry'));
  withServerOptions(
    withFilters(audit.command('export').description('every entry the filters select, in seq order, as JSON or CSV'))
      .addOption(new Option('--format <format>', 'json or csv').choices(['json', 'csv']).default('json'))
      .option('--output <file>', 'write to this file instead of standard output'),
  ).action(lazyAction(() => import('./audit-actions.ts'), 'exportEntries'));
  withDataOption(
    withServerOptions(
      audit
        .command('verify')
        .description('check the hash chain; exits 1 naming the first edited, deleted, inserted or reordered entry')
        .option('--anchor <seq:hash>', 'an anchor kept outside (GET /api/v1/audit/anchor): also prove that entry still has that hash')
        .option('--local', 'read the database directly (DATABASE_URL, else SQLite under --data) instead of asking the server'),
    ),
  ).action(lazyAction(() => import('./audit-actions.ts'), 'verifyTrail'));
  withDataOption(
    audit
      .command('purge')
      .description('retention: export the entries written before a date to a JSONL file, check it, then delete them from the database (runs on the database directly)')
      .requiredOption('--before <date>', 'purge entries written before this date (ISO 8601)')
      .requiredOption('--export <file>', 'the JSONL file to write first (must not exist)')
      .option('--json', 'print JSON instead of text'),
  ).action(lazyAction(() => import('./audit-actions.ts'), 'purgeTrail'));
}

