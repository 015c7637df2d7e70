import type { Command } from 'commander';
import { apiRequest, segment } from '../api-client.ts';
import { cell, formatTable, printJson, printLines } from '../output.ts';
import { connectionFrom } from '../server-connection.ts';
import { withServerOptions, type ServerOptions } from '../server-options.ts';

interface ReplayOptions extends ServerOptions {
  force?: boolean;
}

/** One workflow's answer to a replay (POST /api/v1/events/{id}/replay): the workflow by its id and its title now. */
export type ReplayResultView = { workflow: string; workflow_title: string } & (
  | { result: 'started'; run: string; generation: number }
  | { result: 'already_ran'; runs: string[] }
  | { result: 'not_started'; reason: string }
);

/** `tollgate events replay ID [--force]`; joins the `events` group (events-command.ts) like its other subcommands. */
export function registerEventReplayCommand(program: Command): void {
  const events = program.commands.find((command) => command.name() === 'events') ?? program.command('events').description('received Stripe events and what they started');
  withServerOptions(
    events
      .command('replay')
      .description('match a received event again against the workflows as they are now: starts those it has not started yet (published since, or a condition fixed)')
      .argument('<id>', 'event id, e.g. evt_1...')
      .option('--force', 'start every matching workflow again, even those it already started: a new run with new idempotency keys; earlier runs stay as they are'),
  ).action(replayEvent);
}

async function replayEvent(id: string, options: ReplayOptions): Promise<void> {
  const answer = await apiRequest<{ event: string; results: ReplayResultView[] }>(connectionFrom(options), {
    method: 'POST',
    path: `/api/v1/events/${segment(id)}/replay`,
    body: { json: { force: options.force === true } },
    idempotent: true,
  });
  if (options.json) return printJson(answer);
  if (answer.results.length === 0) return printLines(`event ${answer.event}: no workflow listens to its type now; nothing started`);
  const started = answer.results.filter((result) => result.result === 'started').length;
  printLines(`event ${answer.event} replayed${options.force ? ' (forced)' : ''}: ${started === 0 ? 'no run' : started === 1 ? '1 run' : `${started} runs`} started`);
  // The workflow's id to type (tollgate workflows show ID), then its title to read, as other tables name things.
  const rows = answer.results.map((result) => [result.workflow, cell(result.workflow_title, 40), result.result.replace('_', ' '), detailOf(result)]);
  printLines(formatTable(['workflow', 'title', 'result', 'detail'], rows));
  if (answer.results.some((result) => result.result === 'already_ran')) printLines(`to start those again as a new intent: tollgate events replay ${answer.event} --force`);
}

function detailOf(result: ReplayResultView): string {
  switch (result.result) {
    case 'started':
      return `${result.run} (generation ${result.generation})`;
    case 'already_ran':
      return result.runs.join(', ');
    case 'not_started':
      return result.reason;
    default: {
      const unknown: never = result;
      return JSON.stringify(unknown);
    }
  }
}
