import type { BulkRunAnswer } from '../../api/types.ts';
import { runCount, skippedText } from './bulk-run-queries.ts';

/** What a bulk retry or cancel did: how many runs it changed, how many it skipped and why, each skipped run on request. */
export function BulkRunResult({ answer, onDismiss }: { answer: BulkRunAnswer; onDismiss: () => void }) {
  const done = answer.action === 'retry' ? 'Retried' : 'Cancelled';
  const skipped = answer.runs.filter((run) => run.result === 'skipped');
  return (
    <section className="bulk-result notice" aria-label="Bulk result" aria-live="polite">
      <div className="bulk-result-head">
        <p>
          <strong>
            {done} {runCount(answer.done)}.
          </strong>{' '}
          {answer.skipped > 0 ? `Skipped ${answer.skipped}: ${skippedText(answer)}.` : 'None skipped.'}
        </p>
        <button type="button" className="button subtle" onClick={onDismiss}>
          Dismiss
        </button>
      </div>
      {skipped.length > 0 && (
        <details>
          <summary>The skipped runs</summary>
          <ul className="plain-list">
            {skipped.map((run) => (
              <li key={run.id} className="wrap-anywhere">
                {run.result === 'skipped' ? run.message : run.id}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
