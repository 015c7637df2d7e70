/** `run --wait`'s progress on a terminal: a line per step attempt as it finishes or parks. */
import type { RunDetailView, StepView } from './api-types.ts';
import type { Palette } from './colour.ts';
import { durationBetween } from './output.ts';
import { errorText } from './run-report.ts';

/**
 * Lines for the attempts of `detail` not reported yet; adds them to `reported`
 * (keyed by path, visit, attempt and status, so a parked step that goes on is reported again).
 * @example progressLines(detail, reported, palette) // ['  refund (action) succeeded in 1.2s']
 */
export function progressLines(detail: RunDetailView, reported: Set<string>, palette: Palette): string[] {
  const lines: string[] = [];
  for (const step of detail.steps) {
    const key = `${step.step_path}#${step.visit}#${step.attempt}#${step.status}`;
    if (reported.has(key)) continue;
    reported.add(key);
    lines.push(progressLine(step, palette));
  }
  return lines;
}

function progressLine(step: StepView, palette: Palette): string {
  // A parked step has not finished: its time says nothing yet.
  const took = step.finished_at === null || step.status === 'waiting' ? '' : ` in ${durationBetween(step.started_at, step.finished_at)}`;
  const error = step.error === null ? '' : `: ${errorText(step.error)}`;
  return `  ${step.step_path} (${step.step_type}) ${palette.status(step.status)}${took}${error}`;
}
