import { useState } from 'react';
import { asApiError } from '../../api/api-error.ts';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { useStatusAction, type StatusAction } from './workflow-queries.ts';

/**
 * Activate, deactivate and archive buttons for one workflow (for `workflows.write`), the ones its
 * status allows; archiving asks first. An error shows under the buttons.
 */
export function StatusActions({ id, title, status, published }: { id: string; title: string; status: string; published: boolean }) {
  const action = useStatusAction(id);
  const [confirming, setConfirming] = useState(false);
  const run = (which: StatusAction) => action.mutate(which, { onSuccess: () => setConfirming(false) });
  const busy = action.isPending;
  return (
    <div className="workflow-actions">
      <div className="row">
        {status !== 'active' && published && (
          <button type="button" className="button" disabled={busy} onClick={() => run('activate')} aria-label={`Activate ${title}`}>
            Activate
          </button>
        )}
        {status === 'active' && (
          <button type="button" className="button" disabled={busy} onClick={() => run('deactivate')} aria-label={`Deactivate ${title}`}>
            Deactivate
          </button>
        )}
        {status !== 'archived' && (
          <button
            type="button"
            className="button subtle danger-text"
            disabled={busy}
            onClick={() => {
              action.reset();
              setConfirming(true);
            }}
            aria-label={`Archive ${title}`}
          >
            Archive
          </button>
        )}
      </div>
      {action.isError && !confirming && (
        <p className="field-error" role="alert">
          {asApiError(action.error).message}
        </p>
      )}
      <ConfirmDialog
        open={confirming}
        title={`Archive ${title}?`}
        description="No new runs start and the workflow leaves the lists people work from. Runs under way go on. You can activate it again later."
        confirmLabel="Archive workflow"
        pendingLabel="Archiving…"
        tone="danger"
        pending={busy}
        error={action.error}
        onConfirm={() => run('archive')}
        onClose={() => setConfirming(false)}
      />
    </div>
  );
}
