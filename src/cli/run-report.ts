/**
 * A run for people: a summary first (status, the path taken with each
 * decision's branch, what it waits on and until when, the error and what to
 * do), then how it started and its variables folded; `--verbose` adds every
 * variable and every step attempt with its input and output.
 */
import { stringify } from 'yaml';
import type { ErrorView, PathEntryView, RunDetailView, RunView, RunWaitView, StepView } from './api-types.ts';
import { PLAIN, statusTableStyle, type Palette } from './colour.ts';
import { cell, durationBetween, formatSpan, formatTable, formatTime } from './output.ts';
import { triggerLines, variableLines } from './run-trigger-text.ts';

export interface RunReportOptions {
  verbose?: boolean;
  palette?: Palette;
  /** For "in 2d 3h"; the present by default. */
  now?: Date;
}

/** The whole report of `runs show` (and of `run --wait` once the run ends). */
export function formatRunReport(detail: RunDetailView, options: RunReportOptions = {}): string[] {
  const palette = options.palette ?? PLAIN;
  const now = options.now ?? new Date();
  const { run } = detail;
  const lines = [...formatRun(run, palette), ...errorLines(run, palette)];
  const path = detail.path ?? [];
  const waits = detail.waits ?? [];
  if (path.length > 0) lines.push('', palette.heading('path'), ...indent(pathTable(path, { steps: detail.steps, waits, now }, palette)));
  if (waits.length > 0) lines.push('', palette.heading('waiting on'), ...waits.map((wait) => `  ${waitText(wait, now)}`));
  if (waits.some((wait) => wait.until !== null)) lines.push(palette.dim(`  to test what follows now (sandbox or test key): tollgate runs wake ${run.id}`));
  lines.push('', ...triggerLines(run, palette), '', ...variableLines(run, { verbose: options.verbose === true, palette }));
  if (options.verbose) return [...lines, '', palette.heading('step attempts'), ...attemptLines(detail.steps, palette)];
  return [...lines, '', palette.dim(`every variable and each step attempt's input and output: tollgate runs show ${run.id} --verbose`)];
}

/** Status, outcome and timing of a run. */
export function formatRun(run: RunView, palette: Palette = PLAIN): string[] {
  return [
    `run         ${run.id}`,
    `workflow    ${run.workflow} v${run.version}`,
    `status      ${palette.status(run.status)}`,
    `outcome     ${run.outcome ?? '-'}`,
    `started     ${formatTime(run.created_at)}`,
    `finished    ${run.finished_at === null ? '-' : `${formatTime(run.finished_at)} (took ${durationBetween(run.created_at, run.finished_at)})`}`,
  ];
}

function errorLines(run: RunView, palette: Palette): string[] {
  if (run.error === null) return [];
  const where = run.failed_step === null ? '' : `step ${run.failed_step}: `;
  const lines = [`${palette.alert('error')}       ${where}${errorText(run.error)}`];
  if (run.status === 'failed') {
    lines.push(`what to do  fix what the error names, then \`tollgate runs retry ${run.id}\` runs it again${run.failed_step === null ? '' : ` from ${run.failed_step}`}`);
  }
  return lines;
}

interface PathContext {
  steps: readonly StepView[];
  waits: readonly RunWaitView[];
  now: Date;
}

function pathTable(path: readonly PathEntryView[], context: PathContext, palette: Palette): string[] {
  const rows = path.map((entry, index) => [`${index + 1}.`, entry.step, entry.type, entry.status, cell(pathDetail(entry, context), 120)]);
  const table = formatTable(['', 'step', 'type', 'status', 'what happened'], rows, statusTableStyle(palette, 3));
  return table.split('\n');
}

/** The one-line story of a step visit: the branch taken, the decision, the counts, the error. */
function pathDetail(entry: PathEntryView, { steps, waits, now }: PathContext): string {
  const parts: string[] = [];
  if (entry.branch !== null) {
    const next = entry.branch.next ?? 'the next step';
    parts.push(entry.branch.taken === 'otherwise' ? `→ ${next} (otherwise)` : `→ ${next} (when ${entry.branch.when ?? `branch ${entry.branch.taken + 1}`})`);
  }
  if (entry.decision !== null) parts.push(entry.decision);
  if (entry.scopes !== null) parts.push(scopeText(entry.type, entry.scopes));
  const latest = latestAttempt(steps, entry);
  if (latest?.error != null && entry.status !== 'succeeded') parts.push(errorText(latest.error));
  if (entry.type === 'wait' && entry.status === 'succeeded') parts.push('waited');
  const wait = entry.status === 'waiting' ? waits.find((candidate) => candidate.step === entry.step) : undefined;
  if (wait !== undefined) parts.push(waitBrief(wait, now));
  if (entry.attempts > 1) parts.push(`${entry.attempts} attempts`);
  if (entry.visit > 1) parts.push(`visit ${entry.visit}`);
  if (entry.title !== null) parts.push(`“${entry.title}”`);
  return parts.join('; ');
}

/** `3 items: 2 succeeded, 1 failed`; `2 branches: 2 succeeded`. */
function scopeText(type: string, scopes: NonNullable<PathEntryView['scopes']>): string {
  const noun = type === 'foreach' ? (scopes.total === 1 ? 'item' : 'items') : scopes.total === 1 ? 'branch' : 'branches';
  const notStarted = scopes.total - scopes.succeeded - scopes.failed - scopes.open;
  const counts = [
    [scopes.succeeded, 'succeeded'],
    [scopes.failed, 'failed'],
    [scopes.open, 'under way'],
    [notStarted, 'not started'],
  ] as const;
  const said = counts.filter(([count]) => count > 0).map(([count, word]) => `${count} ${word}`);
  return `${scopes.total} ${noun}${said.length === 0 ? '' : `: ${said.join(', ')}`}`;
}

function latestAttempt(steps: readonly StepView[], entry: PathEntryView): StepView | undefined {
  return steps.filter((step) => step.step_path === entry.step && step.visit === entry.visit).at(-1);
}

function waitText(wait: RunWaitView, now: Date): string {
  switch (wait.kind) {
    case 'timer':
      return `${wait.step}: a timer, wakes ${untilText(wait.until, now)}`;
    case 'approval': {
      const who = wait.approvers.length === 0 ? 'nobody (add members to the team)' : wait.approvers.join(', ');
      const team = wait.team === null ? '' : ` (team ${wait.team})`;
      const ends = wait.until === null ? 'no timeout' : `times out ${untilText(wait.until, now)}`;
      return `${wait.step}: approval ${wait.task ?? ''} by ${who}${team}; ${ends}; see \`tollgate approvals show ${wait.task ?? ''}\``;
    }
    case 'child_run':
      return `${wait.step}: the child run ${wait.child_run ?? '(not started)'}${wait.child_run === null ? '' : `; see \`tollgate runs show ${wait.child_run}\``}`;
    default: {
      const _: never = wait.kind;
      return _;
    }
  }
}

/** The path's few words on a wait (the `waiting on` section says the rest). */
function waitBrief(wait: RunWaitView, now: Date): string {
  switch (wait.kind) {
    case 'timer':
      return `until ${untilText(wait.until, now)}`;
    case 'approval':
      return `for ${wait.team === null ? wait.approvers.join(', ') : `team ${wait.team}`}`;
    case 'child_run':
      return `for run ${wait.child_run ?? '-'}`;
    default: {
      const _: never = wait.kind;
      return _;
    }
  }
}

/** `2026-03-03 10:00:00Z (in 1d 23h)`, or `(due now)` once past. */
function untilText(iso: string | null, now: Date): string {
  if (iso === null) return '-';
  const left = Date.parse(iso) - now.getTime();
  return `${formatTime(iso)} (${left > 0 ? `in ${formatSpan(left)}` : 'due now'})`;
}

/** Every attempt in journal order, with its input and output in full. */
function attemptLines(steps: readonly StepView[], palette: Palette): string[] {
  if (steps.length === 0) return ['  no steps have run yet'];
  return steps.flatMap((step) => [
    `  ${step.step_path} (${step.step_type}) attempt ${step.attempt}: ${palette.status(step.status)}, started ${formatTime(step.started_at)}, took ${durationBetween(step.started_at, step.finished_at)}`,
    ...(step.error === null ? [] : [`    error: ${errorText(step.error)}`]),
    ...yamlBlock('input', step.input),
    ...yamlBlock('output', step.output),
  ]);
}

function yamlBlock(label: string, value: unknown): string[] {
  if (value === null || value === undefined) return [];
  return [`    ${label}:`, ...stringify(value).trimEnd().split('\n').map((line) => `      ${line}`)];
}

function indent(lines: readonly string[]): string[] {
  return lines.map((line) => `  ${line}`);
}

/** `the charge was already refunded (charge_already_refunded)`. */
export function errorText(error: ErrorView): string {
  const message = typeof error.message === 'string' ? error.message : JSON.stringify(error);
  return typeof error.code === 'string' ? `${message} (${error.code})` : message;
}
