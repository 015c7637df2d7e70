/** The action of `tollgate preview`, imported when it runs (preview-command.ts registers it). */
import { apiRequest } from '../api-client.ts';
import { readDraftFile } from '../draft-file.ts';
import { readEventFile } from '../event-file.ts';
import { ExitCode } from '../exit-codes.ts';
import { printJson, printLines } from '../output.ts';
import { connectionFrom } from '../server-connection.ts';
import type { ServerOptions } from '../server-options.ts';
import type { PreviewView, SimulatedStepView } from '../simulation-views.ts';
import { foldValue } from '../value-text.ts';

interface PreviewOptions extends ServerOptions {
  file: string;
  eventFile?: string;
  event?: string;
  liveReads?: boolean;
  reject?: boolean;
}

export async function preview(options: PreviewOptions): Promise<void> {
  if (options.eventFile !== undefined && options.event !== undefined) {
    printLines('give --event-file or --event, not both');
    process.exitCode = ExitCode.usage;
    return;
  }
  const definition = await readDraftFile(options.file);
  const event = options.eventFile === undefined ? undefined : await readEventFile(options.eventFile);
  const answer = await apiRequest<{ preview: PreviewView }>(connectionFrom(options), {
    method: 'POST',
    path: '/api/v1/preview',
    body: {
      json: {
        definition,
        ...(event === undefined ? {} : { event }),
        ...(options.event === undefined ? {} : { event_id: options.event }),
        ...(options.liveReads ? { live_reads: true } : {}),
        ...(options.reject ? { approval: 'reject' } : {}),
      },
    },
  });
  if (options.json) return printJson(answer.preview);
  printLines(...previewLines(answer.preview));
  if (answer.preview.run?.status === 'failed') process.exitCode = ExitCode.failed;
}

function previewLines(preview: PreviewView): string[] {
  const lines: string[] = [];
  if (preview.event) lines.push(`event: ${preview.event.type} ${preview.event.sample ? '(a sample)' : preview.event.id ?? ''}`.trimEnd());
  if (!preview.matched || preview.run === null) return [...lines, "no run: the trigger's conditions do not hold for this event"];
  const { run } = preview;
  lines.push(`run: ${run.status}${run.outcome === null ? '' : ` (${run.outcome})`}; path ${run.path.join(' -> ')}`);
  if (run.error) lines.push(`error at ${run.error.step ?? 'the run'}: ${run.error.code}: ${run.error.message}`);
  for (const step of run.steps) lines.push(...stepLines(step));
  lines.push(`would do: ${run.effects.length === 0 ? 'nothing outside Tollgate' : run.effects.map((effect) => `${effect.label} x${effect.count}`).join('; ')}`);
  return lines;
}

function stepLines(step: SimulatedStepView): string[] {
  const lines = [`  ${step.path} (${step.uses ?? step.type}) ${step.status}${step.effect === 'none' ? '' : `, ${step.effect.replace('_', ' ')}`}`];
  if (step.error) lines.push(`    error: ${step.error.code}: ${step.error.message}`);
  if (step.email) {
    lines.push(`    to: ${step.email.to.join(', ')}`, `    subject: ${step.email.subject}`, ...step.email.text.split('\n').map((line) => `    | ${line}`));
  } else if (step.uses !== null) {
    lines.push(`    input: ${foldValue(step.input)}`, `    output: ${foldValue(step.output)}`);
  }
  return lines;
}
