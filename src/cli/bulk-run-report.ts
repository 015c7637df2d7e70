/** The text of a bulk retry or cancel (runs-bulk-action.ts): a line that says what was done, a summary table, each run. */
import type { BulkRunView } from './api-types.ts';
import type { Palette } from './colour.ts';
import { cell, formatTable } from './output.ts';

const DONE = { retry: 'retried', cancel: 'cancelled' } as const;

/** `retried 3 of 4 runs (bulk_0ab...)`, the counts by result and reason, then one row a run. */
export function formatBulkRunReport(answer: BulkRunView, palette: Palette): string[] {
  const done = answer.preview ? `would be ${DONE[answer.action]}` : DONE[answer.action];
  const runs = `${answer.matched} run${answer.matched === 1 ? '' : 's'}`;
  const headline = answer.preview ? `dry run: ${answer.done} of ${runs} ${done}; nothing was changed` : `${done} ${answer.done} of ${runs}${answer.bulk === null ? '' : ` (${answer.bulk})`}`;
  if (answer.matched === 0) return [answer.preview ? 'dry run: no run matches' : 'no run matches: nothing was changed'];
  const summary: string[][] = [[done, String(answer.done)], ...Object.entries(answer.skipped_by_reason).map(([reason, count]) => [`skipped: ${reason}`, String(count)])];
  const rows = answer.runs.map((run) => [run.id, cell(run.workflow), run.result === 'skipped' ? 'skipped' : done, cell(run.status), run.result === 'skipped' ? cell(run.reason) : '-']);
  return [
    headline,
    '',
    formatTable(['result', 'runs'], summary, { header: palette.dim }),
    '',
    formatTable(['run', 'workflow', 'result', 'status', 'reason'], rows, { header: palette.dim, cell: (text, column) => (column === 3 ? palette.status(text) : text) }),
  ];
}
