import { Description, Dialog, DialogPanel, DialogTitle } from '@headlessui/react';
import type { ReactNode } from 'react';
import { asApiError } from '../api/api-error.ts';

export interface ConfirmDialogProps {
  open: boolean;
  /** The question, e.g. "Cancel this run?"; it names the dialog for screen readers. */
  title: string;
  /** What confirming does and whether it can be undone. */
  description: ReactNode;
  /** The confirm button, e.g. "Yes, cancel the run". */
  confirmLabel: string;
  /** The confirm button while the action runs, e.g. "Cancelling…". */
  pendingLabel: string;
  /** The button that closes without acting; "Cancel" unless that would read oddly. */
  cancelLabel?: string;
  /** `danger` for an action that destroys or stops something (a red confirm button). */
  tone?: 'danger' | 'primary';
  /** The action is under way: the dialog cannot be closed and its buttons are disabled. */
  pending: boolean;
  /** The action's failure, shown inside the dialog (the API's message); null while there is none. */
  error: unknown;
  onConfirm: () => void;
  /** Escape, a click outside, or the cancel button. Not called while pending. */
  onClose: () => void;
}

/**
 * A modal "are you sure?" for one action: focus starts on the harmless button and stays inside,
 * Escape closes it, and a failure is shown where the person is looking. The caller owns the
 * action (usually a mutation) and closes the dialog when it succeeds.
 *
 * @example
 * <ConfirmDialog open={confirming} title="Cancel this run?" description="…" confirmLabel="Yes, cancel the run"
 *   pendingLabel="Cancelling…" tone="danger" pending={cancel.isPending} error={cancel.error}
 *   onConfirm={() => cancel.mutate()} onClose={() => setConfirming(false)} />
 */
export function ConfirmDialog({ open, title, description, confirmLabel, pendingLabel, cancelLabel = 'Cancel', tone = 'primary', pending, error, onConfirm, onClose }: ConfirmDialogProps) {
  const close = () => {
    if (!pending) onClose();
  };
  return (
    <Dialog open={open} onClose={close} className="dialog">
      <div className="dialog-backdrop" aria-hidden="true" />
      <div className="dialog-frame">
        <DialogPanel className="card dialog-panel">
          <DialogTitle as="h2">{title}</DialogTitle>
          <Description as="div">{typeof description === 'string' ? <p>{description}</p> : description}</Description>
          {error !== null && error !== undefined && (
            <p className="form-error" role="alert">
              {asApiError(error).message}
            </p>
          )}
          <div className="actions dialog-actions">
            <button type="button" className="button" onClick={close} disabled={pending} autoFocus>
              {cancelLabel}
            </button>
            <button type="button" className={`button ${tone}`} onClick={onConfirm} disabled={pending}>
              {pending ? pendingLabel : confirmLabel}
            </button>
          </div>
        </DialogPanel>
      </div>
    </Dialog>
  );
}
