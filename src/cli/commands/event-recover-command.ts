import { Option, type Command } from 'commander';
import { apiRequest } from '../api-client.ts';
import { canAsk, confirmOnTerminal } from '../confirm-prompt.ts';
import { ExitCode } from '../exit-codes.ts';
import { formatTable, formatTime, printJson, printLines } from '../output.ts';
import { CONFIRM_ABOVE } from '../run-filter-options.ts';
import { parseTime } from '../time-flag.ts';
import { connectionFrom } from '../server-connection.ts';
import { withServerOptions, type ServerOptions } from '../server-options.ts';

interface RecoverOptions extends ServerOptions {
  since: string;
  until?: string;
  connector?: string;
  account: string[];
  all?: boolean;
  dryRun?: boolean;
  yes?: boolean;
}

/** The answer of POST /api/v1/events/recover. */
interface RecoverView {
  connector: string;
  since: string;
  until: string;
  scope: 'undelivered' | 'all';
  preview: boolean;
  accounts: string[];
  listed: number;
  already_stored: number;
  missing: number;
  events: { id: string; type: string; account: string | null; created: number; runs: string[] }[];
}

/** `tollgate events recover --since 6h [--all] [--dry-run]`; joins the `events` group (events-command.ts). */
export function registerEventRecoverCommand(program: Command): void {
  const events = program.commands.find((command) => command.name() === 'events') ?? program.command('events').description('received Stripe events and what they started');
  withServerOptions(
    events
      .command('recover')
      .description("take in the Stripe events Tollgate missed (after downtime, or once Stripe stopped retrying), from Stripe's Events API: their workflows start as if delivered now")
      .addOption(new Option('--since <when>', 'the window, by when Stripe made the events: a duration ago (6h, 2d) or an ISO time, within the last 30 days').argParser(parseTime).makeOptionMandatory())
      .addOption(new Option('--until <when>', "the window's end: a duration ago or an ISO time (default now)").argParser(parseTime))
      .option('--connector <id>', 'the stripe connector (needed when there are several)')
      .option('--account <acct_id>', "a connected account whose events to read too (Connect platforms; repeat for several): Stripe lists them only to a request made as that account", (id: string, ids: string[]) => [...ids, id], [])
      .option('--all', 'compare every event of the window, not only those Stripe could not deliver (after the endpoint was disabled or deleted)')
      .option('--dry-run', 'list the missing events; take nothing in')
      .option('--yes', `go ahead without asking when more than ${CONFIRM_ABOVE} events are missing`),
  ).action(recoverEvents);
}

async function recoverEvents(options: RecoverOptions, command: Command): Promise<void> {
  const send = (preview: boolean) =>
    apiRequest<RecoverView>(connectionFrom(options), {
      method: 'POST',
      path: '/api/v1/events/recover',
      idempotent: true,
      body: {
        json: {
          since: options.since,
          ...(options.until === undefined ? {} : { until: options.until }),
          ...(options.connector === undefined ? {} : { connector: options.connector }),
          ...(options.account.length === 0 ? {} : { accounts: options.account }),
          scope: options.all === true ? 'all' : 'undelivered',
          preview,
        },
      },
    });
  if (options.dryRun === true || options.yes === true) return report(await send(options.dryRun === true), options);
  const preview = await send(true);
  if (preview.missing > CONFIRM_ABOVE && !(await confirmed(preview, command))) return printLines('nothing was taken in');
  return report(preview.missing === 0 ? preview : await send(false), options);
}

/** Whether to take in more than CONFIRM_ABOVE events (each may start runs that move money): asked at a terminal; elsewhere --yes is required. */
async function confirmed(preview: RecoverView, command: Command): Promise<boolean> {
  const what = `${preview.missing} Stripe events since ${formatTime(preview.since)} are missing here; taking them in starts their workflows`;
  if (!canAsk()) command.error(`error: ${what}. Add --yes to go ahead, or --dry-run to list them first`, { exitCode: ExitCode.usage });
  return confirmOnTerminal(`${what}. Take them in?`);
}

function report(answer: RecoverView, options: RecoverOptions): void {
  if (options.json) return printJson(answer);
  const which = answer.scope === 'all' ? 'events' : 'undelivered events';
  const verb = answer.preview ? 'would be taken in' : 'taken in';
  const accounts = answer.accounts.length === 0 ? '' : ` and ${answer.accounts.length === 1 ? 'connected account' : 'connected accounts'} ${answer.accounts.join(', ')}`;
  const window = `${answer.connector}${accounts}: Stripe lists ${answer.listed} ${which} from ${formatTime(answer.since)} to ${formatTime(answer.until)}`;
  if (answer.missing === 0) return printLines(`${window}; Tollgate holds every one: nothing is missing`);
  printLines(`${window}; ${answer.already_stored} held already, ${answer.missing} ${verb}`);
  if (answer.events.length === 0) return;
  const rows = answer.events.map((event) => [
    event.id,
    event.type,
    ...(answer.accounts.length === 0 ? [] : [event.account ?? 'platform']),
    formatTime(new Date(event.created * 1000).toISOString()),
    answer.preview ? '-' : event.runs.join(', ') || '-',
  ]);
  printLines(formatTable(['event', 'type', ...(answer.accounts.length === 0 ? [] : ['account']), 'created', 'runs started'], rows));
  if (answer.missing > answer.events.length) printLines(`... and ${answer.missing - answer.events.length} more`);
  const again = [`--since ${answer.since}`, ...answer.accounts.map((account) => `--account ${account}`), ...(answer.scope === 'all' ? ['--all'] : [])];
  if (answer.preview) printLines(`to take them in: tollgate events recover ${again.join(' ')}`);
}
