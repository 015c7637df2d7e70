import { Dialog, DialogPanel, DialogTitle } from '@headlessui/react';
import { useState } from 'react';
import { asApiError } from '../../api/api-error.ts';
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
          <button type="button" className="button subtle danger-text" disabled={busy} onClick={() => setConfirming(true)} aria-label={`Archive ${title}`}>
            Archive
          </button>
        )}
      </div>
      {action.isError && !confirming && (
        <p className="field-error" role="alert">
          {asApiError(action.error).message}
        </p>
      )}
      <Dialog open={confirming} onClose={() => !busy && setConfirming(false)} className="dialog">
        <div className="dialog-backdrop" aria-hidden="true" />
        <div className="dialog-frame">
          <DialogPanel className="dialog-panel card">
            <DialogTitle as="h2">Archive {title}?</DialogTitle>
            <p>
              No new runs start and the workflow leaves the lists people work from. Runs under way go on. You can activate it again later.
            </p>
            {action.isError && (
              <p className="form-error" role="alert">
                {asApiError(action.error).message}
              </p>
            )}
            <div className="row dialog-buttons">
              <button type="button" className="button" onClick={() => setConfirming(false)} disabled={busy} autoFocus>
                Cancel
              </button>
              <button type="button" className="button danger" onClick={() => run('archive')} disabled={busy}>
                {busy ? 'Archiving…' : 'Archive workflow'}
              </button>
            </div>
          </DialogPanel>
        </div>
      </Dialog>
    </div>
  );
}
