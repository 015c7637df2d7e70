import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, newIdempotencyKey } from '../../api/api-client.ts';
import { asApiError } from '../../api/api-error.ts';
import type { Run, TitledRun } from '../../api/types.ts';
import { can, useMe } from '../../auth/session.ts';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { titledStepName } from './step-titles.ts';

/**
 * Retry (a failed run, from its failed step), cancel (a running or waiting run, after a
 * confirm step) and, in sandbox and test setups, end a wait now (`canWake`), each shown only
 * when it applies and the person holds `runs.operate`.
 */
export function RunActions({ run, canWake }: { run: TitledRun; canWake: boolean }) {
  const me = useMe();
  const queries = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  // One key per person's action: a retried submit of the same action takes effect once.
  const [retryKey, setRetryKey] = useState(newIdempotencyKey);
  const [cancelKey, setCancelKey] = useState(newIdempotencyKey);
  const [wakeKey, setWakeKey] = useState(newIdempotencyKey);
  const refresh = async () => {
    await queries.invalidateQueries({ queryKey: ['runs'] });
  };
  const retry = useMutation({
    mutationFn: () => api<{ run: Run }>('POST', `/runs/${encodeURIComponent(run.id)}/retry`, { idempotencyKey: retryKey }),
    onSuccess: async () => {
      setRetryKey(newIdempotencyKey());
      await refresh();
    },
  });
  const cancel = useMutation({
    mutationFn: () => api<{ run: Run }>('POST', `/runs/${encodeURIComponent(run.id)}/cancel`, { idempotencyKey: cancelKey }),
    onSuccess: async () => {
      setCancelKey(newIdempotencyKey());
      setConfirming(false);
      await refresh();
    },
  });
  const wake = useMutation({
    mutationFn: () => api<{ run: Run }>('POST', `/runs/${encodeURIComponent(run.id)}/wake`, { idempotencyKey: wakeKey }),
    onSuccess: async () => {
      setWakeKey(newIdempotencyKey());
      await refresh();
    },
  });
  if (!can(me, 'runs.operate')) return null;
  const retryFrom = run.status === 'failed' && run.failed_step !== null ? titledStepName(run.failed_step_title, run.failed_step) : undefined;
  const retryable = retryFrom !== undefined;
  const cancellable = run.status === 'running' || run.status === 'waiting';
  if (!retryable && !cancellable) return null;
  return (
    <div className="run-actions">
      <div className="actions">
        {retryable && (
          <button type="button" className="button primary" disabled={retry.isPending} onClick={() => retry.mutate()}>
            {retry.isPending ? 'Retrying…' : `Retry from “${retryFrom}”`}
          </button>
        )}
        {canWake && (
          <button type="button" className="button" disabled={wake.isPending} onClick={() => wake.mutate()} title="Sandbox and test setups: the wait ends now, as if its time had come">
            {wake.isPending ? 'Ending the wait…' : 'End the wait now'}
          </button>
        )}
        {cancellable && (
          <button
            type="button"
            className="button danger"
            onClick={() => {
              cancel.reset();
              setConfirming(true);
            }}
          >
            Cancel run
          </button>
        )}
      </div>
      {wake.isError && (
        <p className="form-error" role="alert">
          Could not end the wait: {asApiError(wake.error).message}
        </p>
      )}
      {retry.isError && (
        <p className="form-error" role="alert">
          Retry failed: {asApiError(retry.error).message}
        </p>
      )}
      <ConfirmDialog
        open={confirming}
        title="Cancel this run?"
        description={`The run stops where it is: queued steps are dropped, its open approval tasks are withdrawn${run.request === null ? '' : ' and its catalog request is cancelled'}. A cancelled run cannot be resumed.`}
        confirmLabel="Yes, cancel the run"
        pendingLabel="Cancelling…"
        cancelLabel="Keep running"
        tone="danger"
        pending={cancel.isPending}
        error={cancel.error}
        onConfirm={() => cancel.mutate()}
        onClose={() => setConfirming(false)}
      />
    </div>
  );
}
