import { InvalidArgumentError, Option, type Command } from 'commander';
import { DEFAULT_RUN_PAGE, MAX_RUN_PAGE } from '../../application/list-runs.ts';
import { RunStatus } from '../../core/statuses.ts';
import { apiRequest, segment } from '../api-client.ts';
import type { RunDetailView, RunListView, RunView } from '../api-types.ts';
import { cell, formatTable, formatTime, nextPageHint, printJson, printLines } from '../output.ts';
import { paletteFor, statusTableStyle } from '../colour.ts';
import { connectionFrom } from '../server-connection.ts';
import { withServerOptions, type ServerOptions } from '../server-options.ts';
import { stripeObjectOption } from '../stripe-object-option.ts';

interface ShowOptions extends ServerOptions {
  verbose?: boolean;
}

interface ListOptions extends ServerOptions {
  workflow?: string;
  status?: RunStatus;
  object?: string;
  limit?: number;
  cursor?: string;
}

export function registerRunsCommand(program: Command): void {
  const runs = program.command('runs').description('list, inspect, cancel and retry runs on the running server');
  withServerOptions(
    runs
      .command('list')
      .description('list runs, newest first')
      .option('--workflow <id>', 'only runs of this workflow')
      .addOption(new Option('--status <status>', 'only runs in this status').choices(Object.values(RunStatus)))
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
  withServerOptions(runs.command('cancel').description('cancel a running or waiting run').argument('<id>', 'run id')).action(async (id: string, options: ServerOptions) =>
    changeRun(id, 'cancel', options),
  );
  withServerOptions(runs.command('retry').description('retry a failed run from its failed step').argument('<id>', 'run id')).action(async (id: string, options: ServerOptions) =>
    changeRun(id, 'retry', options),
  );
}

async function listRuns(options: ListOptions): Promise<void> {
  const page = await apiRequest<RunListView>(connectionFrom(options), {
    method: 'GET',
    path: '/api/v1/runs',
    query: { workflow: options.workflow, status: options.status, object: options.object, limit: options.limit, cursor: options.cursor },
  });
  if (options.json) return printJson(page);
  if (page.runs.length === 0) return printLines(options.object === undefined ? 'no runs' : `no runs about ${options.object}: none started by an event about it, none moved money on it`);
  const rows = page.runs.map((run) => [run.id, `${run.workflow} v${run.version}`, run.status, cell(run.outcome), formatTime(run.created_at), formatTime(run.finished_at)]);
  printLines(formatTable(['id', 'workflow', 'status', 'outcome', 'started', 'finished'], rows, statusTableStyle(paletteFor(options), 2)));
  if (page.next_cursor !== null) printLines(nextPageHint('tollgate runs list', { workflow: options.workflow, status: options.status, object: options.object, limit: options.limit }, page.next_cursor));
}

async function showRun(id: string, options: ShowOptions): Promise<void> {
  const detail = await apiRequest<RunDetailView>(connectionFrom(options), { method: 'GET', path: `/api/v1/runs/${segment(id)}` });
  if (options.json) return printJson(detail);
  const { formatRunReport } = await import('../run-report.ts');
  printLines(...formatRunReport(detail, { verbose: options.verbose === true, palette: paletteFor(options) }));
}

async function changeRun(id: string, change: 'cancel' | 'retry', options: ServerOptions): Promise<void> {
  const answer = await apiRequest<{ run: RunView }>(connectionFrom(options), { method: 'POST', path: `/api/v1/runs/${segment(id)}/${change}`, idempotent: true });
  if (options.json) return printJson(answer);
  printLines(`run ${answer.run.id} ${change === 'cancel' ? 'cancelled' : 'retried'}: now ${answer.run.status}`);
}

function parseLimit(value: string): number {
  const limit = Number(value);
  if (!/^\d+$/.test(value) || limit < 1 || limit > MAX_RUN_PAGE) throw new InvalidArgumentError(`give a whole number from 1 to ${MAX_RUN_PAGE}.`);
  return limit;
}
