import { api } from '../../api/api-client.ts';
import type { BulkRunAnswer } from '../../api/types.ts';
import type { runListFilter } from './run-search.ts';

export type BulkAction = 'retry' | 'cancel';

/** Runs picked one by one, or every run the list's filters match (the server selects them, at most 1,000). */
export type BulkSelection = { kind: 'ids'; ids: string[] } | { kind: 'filter'; filter: ReturnType<typeof runListFilter> };

/** POST /runs/retry or /runs/cancel: a preview (nothing changes) or the action, for runs by id or by filter. */
export function bulkRuns(action: BulkAction, selection: BulkSelection, options: { preview: boolean; idempotencyKey?: string }): Promise<BulkRunAnswer> {
  const target = selection.kind === 'ids' ? { runs: selection.ids } : { filter: withoutEmpty(selection.filter) };
  return api<BulkRunAnswer>('POST', `/runs/${action}`, { body: { ...target, preview: options.preview }, ...(options.idempotencyKey === undefined ? {} : { idempotencyKey: options.idempotencyKey }) });
}

/** The runs a preview says would be retried or cancelled. */
export function runsToChange(preview: BulkRunAnswer): string[] {
  return preview.runs.filter((run) => run.result !== 'skipped').map((run) => run.id);
}

/**
 * The whole of a confirmed action: `done` (the call on the runs the preview said would change) with the
 * runs the preview had already set aside, in the preview's order, so the summary counts every selected run.
 */
export function withPreviewSkips(preview: BulkRunAnswer, done: BulkRunAnswer): BulkRunAnswer {
  const outcomes = new Map(done.runs.map((run) => [run.id, run]));
  const runs = preview.runs.map((run) => outcomes.get(run.id) ?? run);
  const byReason: BulkRunAnswer['skipped_by_reason'] = {};
  for (const run of runs) if (run.result === 'skipped') byReason[run.reason] = (byReason[run.reason] ?? 0) + 1;
  const skipped = runs.filter((run) => run.result === 'skipped').length;
  return { ...done, matched: runs.length, done: runs.length - skipped, skipped, skipped_by_reason: byReason, runs };
}

const SKIP_REASONS: Record<keyof BulkRunAnswer['skipped_by_reason'], string> = {
  run_not_retryable: 'not failed',
  run_already_finished: 'already ended',
  run_not_found: 'not found',
};

/** `3 not failed, 1 already ended`: the skipped runs by reason, in words. */
export function skippedText(answer: BulkRunAnswer): string {
  return Object.entries(answer.skipped_by_reason)
    .map(([reason, count]) => `${count} ${SKIP_REASONS[reason as keyof typeof SKIP_REASONS]}`)
    .join(', ');
}

export function runCount(count: number): string {
  return `${count.toLocaleString('en-US')} run${count === 1 ? '' : 's'}`;
}

function withoutEmpty(filter: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(filter).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ''));
}
