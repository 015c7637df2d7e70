/**
 * The actions of `tollgate runs retry` and `tollgate runs cancel`, imported when they run
 * (runs-command.ts registers them). One id: the single-run call, as before. Several ids, filter
 * flags or --dry-run: the bulk call (POST /api/v1/runs/retry or /cancel). A filter that would act
 * on more than CONFIRM_ABOVE runs needs --yes, or a "yes" at the terminal; what is confirmed is
 * the runs the preview listed, so the count asked about is the count acted on (or fewer, if some
 * changed meanwhile: those are skipped).
 */
import type { Command } from 'commander';
import { apiRequest, segment } from '../api-client.ts';
import type { BulkRunView, RunView } from '../api-types.ts';
import { formatBulkRunReport } from '../bulk-run-report.ts';
import { paletteFor } from '../colour.ts';
import { canAsk, confirmOnTerminal } from '../confirm-prompt.ts';
import { ExitCode } from '../exit-codes.ts';
import { printJson, printLines } from '../output.ts';
import { CONFIRM_ABOVE, hasRunFilter, runFilterQuery, type RunFilterFlags } from '../run-filter-options.ts';
import { connectionFrom } from '../server-connection.ts';
import type { ServerOptions } from '../server-options.ts';

type Change = 'retry' | 'cancel';
const DONE = { retry: 'retried', cancel: 'cancelled' } as const;

export interface BulkRunsOptions extends ServerOptions, RunFilterFlags {
  dryRun?: boolean;
  yes?: boolean;
}

export const retryRuns = (ids: string[], options: BulkRunsOptions, command: Command) => changeRuns('retry', ids, options, command);
export const cancelRuns = (ids: string[], options: BulkRunsOptions, command: Command) => changeRuns('cancel', ids, options, command);

async function changeRuns(change: Change, ids: string[], options: BulkRunsOptions, command: Command): Promise<void> {
  const filtered = hasRunFilter(options);
  if (ids.length > 0 && filtered) command.error('error: give run ids or filter flags (--workflow, --status, --since, --until), not both', { exitCode: ExitCode.usage });
  if (ids.length === 0 && !filtered) command.error(`error: name the runs to ${change}: run ids, or filter flags such as --workflow and --status`, { exitCode: ExitCode.usage });
  const [only] = ids;
  if (only !== undefined && ids.length === 1 && options.dryRun !== true) return changeOneRun(change, only, options);

  const send = (selection: object, preview: boolean) =>
    apiRequest<BulkRunView>(connectionFrom(options), { method: 'POST', path: `/api/v1/runs/${change}`, idempotent: true, body: { json: { ...selection, preview } } });
  const selection = filtered ? { filter: runFilterQuery(options) } : { runs: ids };
  if (options.dryRun === true || !filtered || options.yes === true) return report(await send(selection, options.dryRun === true), options);

  const preview = await send(selection, true);
  const chosen = preview.runs.filter((run) => run.result !== 'skipped').map((run) => run.id);
  if (chosen.length === 0) return report(preview, options);
  if (chosen.length > CONFIRM_ABOVE && !(await confirmed(change, chosen.length, preview.matched, command))) {
    printLines(`nothing was ${DONE[change]}`);
    return;
  }
  report(await send({ runs: chosen }, false), options);
}

/** Whether to go ahead with `count` runs: asked at a terminal; elsewhere --yes is required. */
async function confirmed(change: Change, count: number, matched: number, command: Command): Promise<boolean> {
  const what = `the filter matches ${matched} run${matched === 1 ? '' : 's'}, ${count} of which would be ${DONE[change]}`;
  if (!canAsk()) command.error(`error: ${what}; add --yes to go ahead, or --dry-run to list them first`, { exitCode: ExitCode.usage });
  return confirmOnTerminal(`${what[0]?.toUpperCase() ?? ''}${what.slice(1)}. ${change === 'retry' ? 'Retry' : 'Cancel'} them?`);
}

function report(answer: BulkRunView, options: BulkRunsOptions): void {
  if (options.json) return printJson(answer);
  printLines(...formatBulkRunReport(answer, paletteFor(options)));
}

async function changeOneRun(change: Change, id: string, options: ServerOptions): Promise<void> {
  const answer = await apiRequest<{ run: RunView }>(connectionFrom(options), { method: 'POST', path: `/api/v1/runs/${segment(id)}/${change}`, idempotent: true });
  if (options.json) return printJson(answer);
  printLines(`run ${answer.run.id} ${DONE[change]}: now ${answer.run.status}`);
}
