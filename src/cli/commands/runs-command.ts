import { InvalidArgumentError, Option, type Command } from 'commander';
import { DEFAULT_RUN_PAGE, MAX_RUN_PAGE } from '../../application/list-runs.ts';
import { apiRequest, segment } from '../api-client.ts';
import type { RunDetailView, RunListView } from '../api-types.ts';
import { lazyAction } from '../lazy-action.ts';
import { cell, formatTable, formatTime, nextPageHint, printJson, printLines } from '../output.ts';
import { paletteFor, statusTableStyle } from '../colour.ts';
import { connectionFrom } from '../server-connection.ts';
import { withServerOptions, type ServerOptions } from '../server-options.ts';
import { stripeObjectOption } from '../stripe-object-option.ts';
import { CONFIRM_ABOVE, runFilterQuery, withRunFilterOptions, type RunFilterFlags } from '../run-filter-options.ts';

interface ShowOptions extends ServerOptions {
  verbose?: boolean;
}

interface ListOptions extends ServerOptions, RunFilterFlags {
  object?: string;
  limit?: number;
  cursor?: string;
}

export function registerRunsCommand(program: Command): void {
  const runs = program.command('runs').description('list, inspect, cancel and retry runs on the running server');
  withServerOptions(
    withRunFilterOptions(runs.command('list').description('list runs, newest first'))
      .addOption(stripeObjectOption('only runs about this Stripe object (pi_..., ch_..., cus_..., re_...): started by an event about it or what belongs to it, or that refunded it or created that refund'))
      .addOption(new Option('--limit <n>', `runs per page, 1 to ${MAX_RUN_PAGE} (default ${DEFAULT_RUN_PAGE})`).argParser(parseLimit))
      .option('--cursor <cursor>', 'continue a listing where the previous page ended'),
  ).action(listRuns);
  withServerOptions(
    runs
      .command('show')
      .description('a run: its status, the path it took, what it waits on, its error, the event that started it')
      .argument('<id>', 'run id')
      .option('--verbose', 'also every variable in full and each step attempt with its input and output'),
  ).action(showRun);
  const bulk = (change: 'retry' | 'cancel', description: string) =>
    withServerOptions(
      withRunFilterOptions(runs.command(change).description(description).argument('[ids...]', 'run ids; or none, and filter flags'))
        .option('--dry-run', 'list what would be done to each run, and change nothing')
        .option('--yes', `go ahead without asking when the filter flags would act on more than ${CONFIRM_ABOVE} runs`),
    ).action(lazyAction(() => import('./runs-bulk-action.ts'), change === 'retry' ? 'retryRuns' : 'cancelRuns'));
  bulk('cancel', 'cancel running or waiting runs: one or several by id, or those the filter flags match (e.g. --workflow refund --status waiting)');
  bulk('retry', 'retry failed runs from their failed step, on their version: one or several by id, or those the filter flags match (e.g. --status failed --since 1d)');
}

async function listRuns(options: ListOptions): Promise<void> {
  const page = await apiRequest<RunListView>(connectionFrom(options), {
    method: 'GET',
    path: '/api/v1/runs',
    query: { ...runFilterQuery(options), object: options.object, limit: options.limit, cursor: options.cursor },
  });
  if (options.json) return printJson(page);
  if (page.runs.length === 0) return printLines(options.object === undefined ? 'no runs' : `no runs about ${options.object}: none started by an event about it, none moved money on it`);
  const rows = page.runs.map((run) => [run.id, `${run.workflow} v${run.version}`, run.status, cell(run.outcome), formatTime(run.created_at), formatTime(run.finished_at)]);
  printLines(formatTable(['id', 'workflow', 'status', 'outcome', 'started', 'finished'], rows, statusTableStyle(paletteFor(options), 2)));
  if (page.next_cursor !== null) printLines(nextPageHint('tollgate runs list', { workflow: options.workflow, status: options.status, since: options.since, until: options.until, object: options.object, limit: options.limit }, page.next_cursor));
}

async function showRun(id: string, options: ShowOptions): Promise<void> {
  const detail = await apiRequest<RunDetailView>(connectionFrom(options), { method: 'GET', path: `/api/v1/runs/${segment(id)}` });
  if (options.json) return printJson(detail);
  const { formatRunReport } = await import('../run-report.ts');
  printLines(...formatRunReport(detail, { verbose: options.verbose === true, palette: paletteFor(options) }));
}

function parseLimit(value: string): number {
  const limit = Number(value);
  if (!/^\d+$/.test(value) || limit < 1 || limit > MAX_RUN_PAGE) throw new InvalidArgumentError(`give a whole number from 1 to ${MAX_RUN_PAGE}.`);
  return limit;
}
