import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { newIdempotencyKey } from '../../api/api-client.ts';
import { asApiError } from '../../api/api-error.ts';
import type { BulkRunAnswer } from '../../api/types.ts';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { bulkRuns, runCount, runsToChange, skippedText, withPreviewSkips, type BulkAction, type BulkSelection } from './bulk-run-queries.ts';
import type { RunSelection } from './run-selection.ts';

interface BulkRunBarProps {
  selection: RunSelection;
  /** The runs the list's filters match, when a filter is set (else "every matching run" is not offered). */
  filter: Extract<BulkSelection, { kind: 'filter' }> | undefined;
  /** The runs on this page, all selected: offer every run matching the filters. */
  pageSelected: readonly string[] | undefined;
  onDone: (answer: BulkRunAnswer) => void;
}

const VERB = { retry: { title: 'Retry', done: 'retried', pending: 'Retrying…' }, cancel: { title: 'Cancel', done: 'cancelled', pending: 'Cancelling…' } } as const;

/**
 * What to do with the selected runs: Retry or Cancel, each first previewed (nothing changes) so the
 * confirmation states how many runs it will change and how many it skips; confirming acts on exactly
 * the runs the preview listed, once (one Idempotency-Key per confirmation).
 */
export function BulkRunBar({ selection, filter, pageSelected, onDone }: BulkRunBarProps) {
  const queries = useQueryClient();
  const [key, setKey] = useState(newIdempotencyKey);
  const target: BulkSelection = selection.matching !== undefined && filter !== undefined ? filter : { kind: 'ids', ids: [...selection.ids] };
  const count = selection.matching ?? selection.ids.size;
  const counting = useMutation({ mutationFn: (matching: Extract<BulkSelection, { kind: 'filter' }>) => bulkRuns('retry', matching, { preview: true }) });
  const preview = useMutation({ mutationFn: (action: BulkAction) => bulkRuns(action, target, { preview: true }).then((answer) => ({ action, answer })) });
  const act = useMutation({
    mutationFn: async (planned: { action: BulkAction; answer: BulkRunAnswer }) =>
      withPreviewSkips(planned.answer, await bulkRuns(planned.action, { kind: 'ids', ids: runsToChange(planned.answer) }, { preview: false, idempotencyKey: key })),
    onSuccess: async (answer) => {
      setKey(newIdempotencyKey());
      preview.reset();
      selection.clear();
      onDone(answer);
      await queries.invalidateQueries({ queryKey: ['runs'] });
    },
  });
  if (count === 0) return null;
  const planned = preview.data;
  const toChange = planned === undefined ? [] : runsToChange(planned.answer);
  return (
    <section className="bulk-bar" aria-label="Selected runs">
      <p className="bulk-count" role="status">
        {selection.matching !== undefined ? `All ${runCount(count)} matching these filters are selected.` : `${runCount(count)} selected.`}
      </p>
      {selection.matching === undefined && filter !== undefined && pageSelected !== undefined && (
        <button
          type="button"
          className="button subtle"
          disabled={counting.isPending}
          onClick={() => counting.mutate(filter, { onSuccess: (answer) => selection.selectMatching(answer.matched, pageSelected) })}
        >
          {counting.isPending ? 'Counting…' : 'Select all runs matching these filters'}
        </button>
      )}
      <div className="actions">
        {(['retry', 'cancel'] as const).map((action) => (
          <button key={action} type="button" className={`button ${action === 'retry' ? 'primary' : 'danger'}`} disabled={preview.isPending} onClick={() => preview.mutate(action)}>
            {preview.isPending && preview.variables === action ? 'Checking…' : action === 'retry' ? 'Retry…' : 'Cancel runs…'}
          </button>
        ))}
        <button type="button" className="button subtle" onClick={selection.clear}>
          Clear selection
        </button>
      </div>
      {(counting.isError || preview.isError) && (
        <p className="form-error bulk-error" role="alert">
          {asApiError(counting.error ?? preview.error).message}
        </p>
      )}
      {planned !== undefined && toChange.length === 0 && (
        <p className="notice bulk-error" role="status">
          None of the {runCount(planned.answer.matched)} can be {VERB[planned.action].done}: {skippedText(planned.answer)}.
        </p>
      )}
      <ConfirmDialog
        open={planned !== undefined && toChange.length > 0}
        title={planned === undefined ? '' : `${VERB[planned.action].title} ${runCount(toChange.length)}?`}
        description={planned === undefined ? '' : <BulkPlan action={planned.action} answer={planned.answer} />}
        confirmLabel={planned === undefined ? '' : `Yes, ${planned.action} ${runCount(toChange.length)}`}
        pendingLabel={planned === undefined ? '' : VERB[planned.action].pending}
        cancelLabel={planned?.action !== 'cancel' ? 'Cancel' : toChange.length === 1 ? 'Keep it running' : 'Keep them running'}
        tone={planned?.action === 'cancel' ? 'danger' : 'primary'}
        pending={act.isPending}
        error={act.error}
        onConfirm={() => planned !== undefined && act.mutate(planned)}
        onClose={() => {
          preview.reset();
          act.reset();
        }}
      />
    </section>
  );
}

/** What confirming will do, and what it leaves alone. */
function BulkPlan({ action, answer }: { action: BulkAction; answer: BulkRunAnswer }) {
  const each = answer.done === 1 ? 'The run' : 'Each run';
  return (
    <>
      <p>
        {action === 'retry'
          ? `${each} starts again from its failed step, on the version it started on. Steps that already succeeded, refunds included, are not run again.`
          : `${each} stops where it is: queued steps are dropped, open approval tasks withdrawn and catalog requests cancelled. A cancelled run cannot be resumed.`}
      </p>
      {answer.skipped > 0 && (
        <p>
          {runCount(answer.skipped)} of the {answer.matched.toLocaleString('en-US')} selected will be left as they are: {skippedText(answer)}.
        </p>
      )}
    </>
  );
}
