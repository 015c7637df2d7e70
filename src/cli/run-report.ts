import { stringify } from 'yaml';
import type { ErrorView, RunView, StepView } from './api-types.ts';
import { cell, durationBetween, formatTable, formatTime } from './output.ts';

/** A run for people: status, outcome, timing, the failure if any, and its variables. */
export function formatRun(run: RunView): string[] {
  const lines = [
    `run         ${run.id}`,
    `workflow    ${run.workflow} v${run.version}`,
    `status      ${run.status}`,
    `outcome     ${run.outcome ?? '-'}`,
    `started     ${formatTime(run.created_at)}`,
    `finished    ${run.finished_at === null ? '-' : `${formatTime(run.finished_at)} (took ${durationBetween(run.created_at, run.finished_at)})`}`,
  ];
  if (run.failed_step !== null) lines.push(`failed step ${run.failed_step}`);
  if (run.error !== null) lines.push(`error       ${errorText(run.error)}`);
  const variables = Object.keys(run.variables).length === 0 ? [] : stringify(run.variables).trimEnd().split('\n');
  lines.push(variables.length === 0 ? 'variables   (none)' : 'variables', ...variables.map((line) => `  ${line}`));
  return lines;
}

/** The step timeline: one row per attempt, in the order they ran. */
export function formatSteps(steps: readonly StepView[]): string {
  if (steps.length === 0) return 'no steps have run yet';
  const rows = steps.map((step) => [
    step.step_path,
    step.step_type,
    String(step.attempt),
    step.status,
    formatTime(step.started_at),
    durationBetween(step.started_at, step.finished_at),
    step.error === null ? '-' : cell(errorText(step.error), 100),
  ]);
  return formatTable(['step', 'type', 'attempt', 'status', 'started', 'duration', 'error'], rows);
}

/** `the charge was already refunded (charge_already_refunded)`. */
export function errorText(error: ErrorView): string {
  const message = typeof error.message === 'string' ? error.message : JSON.stringify(error);
  return typeof error.code === 'string' ? `${message} (${error.code})` : message;
}
