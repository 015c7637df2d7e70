/** The action of `tollgate run`, imported when it runs (run-command.ts registers it). */
import { isFinal, RunStatus } from '../../core/statuses.ts';
import { apiRequest, segment, type ServerConnection } from '../api-client.ts';
import type { RunDetailView, RunView } from '../api-types.ts';
import { ExitCode } from '../exit-codes.ts';
import { printJson, printLines } from '../output.ts';
import { mergeInputs, readInputFile, type InputPair } from '../parse-input-flags.ts';
import { paletteFor } from '../colour.ts';
import { progressLines } from '../run-progress.ts';
import { formatRunReport } from '../run-report.ts';
import { connectionFrom } from '../server-connection.ts';
import type { ServerOptions } from '../server-options.ts';

interface RunOptions extends ServerOptions {
  input: InputPair[];
  inputFile?: string;
  wait?: boolean;
  timeout: number;
}

export async function runCommand(workflow: string, options: RunOptions): Promise<void> {
  const connection = connectionFrom(options);
  const input = mergeInputs(options.inputFile === undefined ? {} : await readInputFile(options.inputFile), options.input);
  const started = await apiRequest<{ run: RunView }>(connection, { method: 'POST', path: `/api/v1/workflows/${segment(workflow)}/runs`, body: { json: { input } }, idempotent: true });
  if (!options.wait) {
    if (options.json) return printJson(started);
    return printLines(`started run ${started.run.id} of ${workflow}`, `follow it with \`tollgate runs show ${started.run.id}\``);
  }
  const { detail, ended } = await waitForRun(connection, started.run.id, { timeoutMs: options.timeout, onPoll: progressReporter(started.run.id, options) });
  if (options.json) printJson(detail);
  else printLines(...formatRunReport(detail, { palette: paletteFor(options) }));
  if (!ended) {
    process.stderr.write(`run ${detail.run.id} is still ${detail.run.status} after ${options.timeout / 1000}s; follow it with \`tollgate runs show ${detail.run.id}\`\n`);
    process.exitCode = ExitCode.timeout;
  } else if (detail.run.status !== RunStatus.succeeded) {
    process.exitCode = ExitCode.failed;
  }
}

/**
 * Progress on stderr while waiting, a line per step as it finishes, so stdout
 * stays the final answer: only for a person at a terminal, never with --json.
 */
function progressReporter(id: string, options: RunOptions): ((detail: RunDetailView) => void) | undefined {
  if (options.json || process.stderr.isTTY !== true) return undefined;
  const palette = paletteFor({ color: options.color, isTTY: true });
  const reported = new Set<string>();
  process.stderr.write(`run ${id} started; waiting up to ${options.timeout / 1000}s\n`);
  return (detail) => {
    const lines = progressLines(detail, reported, palette);
    if (lines.length > 0) process.stderr.write(`${lines.join('\n')}\n`);
  };
}

/** Polls the run, quickly at first, until it ends or the time is up; `onPoll` sees each answer. */
async function waitForRun(
  connection: ServerConnection,
  id: string,
  options: { timeoutMs: number; onPoll: ((detail: RunDetailView) => void) | undefined },
): Promise<{ detail: RunDetailView; ended: boolean }> {
  const { timeoutMs } = options;
  const deadline = Date.now() + timeoutMs;
  let pause = 50;
  for (;;) {
    const detail = await apiRequest<RunDetailView>(connection, { method: 'GET', path: `/api/v1/runs/${segment(id)}` });
    options.onPoll?.(detail);
    if (isFinal(detail.run.status)) return { detail, ended: true };
    const left = deadline - Date.now();
    if (left <= 0) return { detail, ended: false };
    await new Promise((resolve) => setTimeout(resolve, Math.min(pause, left)));
    pause = Math.min(pause * 2, 1000);
  }
}
