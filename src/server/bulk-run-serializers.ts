import type { BulkRunReport, BulkSkipReason } from '../application/bulk-run-actions.ts';
import type { BulkRunResponse } from './bulk-run-schemas.ts';

/** A bulk action's report as the API answers it, with its counts. */
export function serializeBulkRunReport(report: BulkRunReport): BulkRunResponse {
  const byReason: Partial<Record<BulkSkipReason, number>> = {};
  for (const outcome of report.outcomes) if (outcome.result === 'skipped') byReason[outcome.reason] = (byReason[outcome.reason] ?? 0) + 1;
  const skipped = Object.values(byReason).reduce((sum, count) => sum + count, 0);
  return {
    bulk: report.bulk,
    action: report.action,
    preview: report.preview,
    matched: report.outcomes.length,
    done: report.outcomes.length - skipped,
    skipped,
    skipped_by_reason: byReason,
    runs: report.outcomes,
  };
}
