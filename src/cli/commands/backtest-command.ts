import { InvalidArgumentError, type Command } from 'commander';
import { apiRequest, segment } from '../api-client.ts';
import { ExitCode } from '../exit-codes.ts';
import { printJson, printLines } from '../output.ts';
import { connectionFrom } from '../server-connection.ts';
import { withServerOptions, type ServerOptions } from '../server-options.ts';
import { outcomesTable, progressBar, type BacktestView } from '../simulation-views.ts';

interface BacktestOptions extends ServerOptions {
  file: string;
  since?: string;
  until?: string;
  last?: number;
  liveReads?: boolean;
}

const POLL_MS = 250;

/** `tollgate backtest -f draft.yaml --since 30d`: replays stored events through a draft (POST /api/v1/backtests) and prints the report. */
export function registerBacktestCommand(program: Command): void {
  withServerOptions(
    program
      .command('backtest')
      .description("replay the stored events of a draft's trigger type through it, side effects stubbed: how many runs would start, how they would end, and the money they would move")
      .requiredOption('-f, --file <path>', 'the definition file with the draft Workflow document')
      .option('--since <when>', 'from a duration ago (30d, 12h) or an ISO time; default 30d unless --last')
      .option('--until <iso>', 'up to an ISO time; default now')
      .option('--last <n>', 'only the newest N events', parsePositiveInteger)
      .option('--live-reads', 'let reads (retrieve, list) go to Stripe for real, so amounts read from charges are counted'),
  ).action(backtest);
}

function parsePositiveInteger(value: string): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(number) || number < 1) throw new InvalidArgumentError(`"${value}" is not a whole number from 1, e.g. --last 500`);
  return number;
}

async function backtest(options: BacktestOptions): Promise<void> {
  const connection = connectionFrom(options);
  const { readDraftFile } = await import('../draft-file.ts');
  const definition = await readDraftFile(options.file);
  const started = await apiRequest<{ backtest: BacktestView }>(connection, {
    method: 'POST',
    path: '/api/v1/backtests',
    body: {
      json: {
        definition,
        ...(options.since === undefined ? {} : { since: options.since }),
        ...(options.until === undefined ? {} : { until: options.until }),
        ...(options.last === undefined ? {} : { last: options.last }),
        ...(options.liveReads ? { live_reads: true } : {}),
      },
    },
  });
  const bar = process.stderr.isTTY && !options.json;
  let current = started.backtest;
  while (current.status === 'running') {
    if (bar) process.stderr.write(`\r${progressBar(current.progress.done, current.progress.total)}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    current = (await apiRequest<{ backtest: BacktestView }>(connection, { method: 'GET', path: `/api/v1/backtests/${segment(current.id)}` })).backtest;
  }
  if (bar) process.stderr.write(`\r${progressBar(current.progress.done, current.progress.total)}\n`);
  if (options.json) printJson(current);
  else printLines(...reportLines(current));
  if (current.status === 'failed') process.exitCode = ExitCode.failed;
}

function reportLines(backtest: BacktestView): string[] {
  if (backtest.report === null) return [`backtest ${backtest.id} of ${backtest.workflow} failed: ${backtest.error?.code ?? 'unknown'}: ${backtest.error?.message ?? ''}`];
  const { report } = backtest;
  const lines = [
    `backtest ${backtest.id}: ${backtest.workflow} over ${report.events} stored ${backtest.event_type} event${report.events === 1 ? '' : 's'}`,
    `${report.runs} run${report.runs === 1 ? '' : 's'} would start`,
  ];
  if (report.outcomes.length > 0) lines.push(outcomesTable(report.outcomes));
  lines.push(report.summary, `each would-be run: GET /api/v1/backtests/${backtest.id}/runs; one in detail: tollgate preview -f FILE --event EVENT_ID`);
  return lines;
}
