import { Dialog, DialogPanel, DialogTitle } from '@headlessui/react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { ViewPage } from '../../../../src/core/saved-view-pages.ts';
import { api } from '../../api/api-client.ts';
import { asApiError } from '../../api/api-error.ts';
import type { SavedView, SavedViewAnswer } from '../../api/types.ts';
import { useTeamName } from '../../api/team-names.ts';
import { TextField } from '../form-fields.tsx';
import { formErrors } from '../form-errors.ts';
import { savedViewsKey } from './saved-views-api.ts';

export interface ManageViewsDialogProps {
  open: boolean;
  page: ViewPage;
  /** The views of the page the caller may change: their own (and, for an admin, those shared with their teams). */
  views: readonly SavedView[];
  onClose: () => void;
  onDeleted: (view: SavedView) => void;
}

/** Renaming and deleting one's saved views of a page, one at a time. */
export function ManageViewsDialog({ open, page, views, onClose, onDeleted }: ManageViewsDialogProps) {
  return (
    <Dialog open={open} onClose={onClose} className="dialog">
      <div className="dialog-backdrop" aria-hidden="true" />
      <div className="dialog-frame">
        <DialogPanel className="card dialog-panel">
          <DialogTitle as="h2">Your saved views</DialogTitle>
          {views.length === 0 ? (
            <p className="muted">No saved view of yours is left on this page.</p>
          ) : (
            <ul className="saved-view-list" aria-label="Your saved views">
              {views.map((view) => (
                <ManagedView key={view.id} page={page} view={view} onDeleted={onDeleted} />
              ))}
            </ul>
          )}
          <div className="actions dialog-actions">
            <button type="button" className="button" onClick={onClose}>
              Done
            </button>
          </div>
        </DialogPanel>
      </div>
    </Dialog>
  );
}

type Mode = 'show' | 'rename' | 'delete';

function ManagedView({ page, view, onDeleted }: { page: ViewPage; view: SavedView; onDeleted: (view: SavedView) => void }) {
  const queries = useQueryClient();
  const teamName = useTeamName();
  const [mode, setMode] = useState<Mode>('show');
  const refresh = () => queries.invalidateQueries({ queryKey: savedViewsKey(page) });
  const remove = useMutation({
    mutationFn: () => api<SavedViewAnswer>('POST', `/views/${encodeURIComponent(view.id)}/delete`),
    onSuccess: async (answer) => {
      onDeleted(answer.view);
      await refresh();
    },
  });
  const team = view.team === null ? undefined : teamName(view.team);
  const whose = view.mine ? (team === undefined ? 'Only you see it' : `Shared with ${team}`) : `${view.owner}’s${team === undefined ? '' : `, shared with ${team}`}`;
  // Back from renaming or from a kept delete, focus returns to the view's first button, not to the page's start.
  const back = useRef(false);
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (mode === 'show' && back.current) first.current?.focus();
    back.current = mode !== 'show';
  }, [mode]);
  return (
    <li className="saved-view-item">
      {mode === 'rename' ? (
        <RenameForm page={page} view={view} onDone={() => setMode('show')} />
      ) : (
        <>
          <div>
            <strong>{view.name}</strong>
            <p className="muted small">{whose}</p>
          </div>
          {mode === 'delete' ? (
            <div className="saved-view-confirm" role="group" aria-label={`Delete ${view.name}?`}>
              <p>Delete “{view.name}”?{view.team === null ? '' : ' The team no longer sees it.'}</p>
              {remove.isError && (
                <p className="form-error" role="alert">
                  {asApiError(remove.error).message}
                </p>
              )}
              <div className="row">
                <button type="button" className="button danger" onClick={() => remove.mutate()} disabled={remove.isPending}>
                  {remove.isPending ? 'Deleting…' : 'Delete'}
                </button>
                <button type="button" className="button" onClick={() => setMode('show')} disabled={remove.isPending} autoFocus>
                  Keep it
                </button>
              </div>
            </div>
          ) : (
            <div className="row">
              <button type="button" className="button" onClick={() => setMode('rename')} ref={first}>
                Rename<span className="visually-hidden"> {view.name}</span>
              </button>
              <button type="button" className="button subtle" onClick={() => setMode('delete')}>
                Delete<span className="visually-hidden"> {view.name}</span>
              </button>
            </div>
          )}
        </>
      )}
    </li>
  );
}

function RenameForm({ page, view, onDone }: { page: ViewPage; view: SavedView; onDone: () => void }) {
  const queries = useQueryClient();
  const [name, setName] = useState(view.name);
  const rename = useMutation({
    mutationFn: () => api<SavedViewAnswer>('POST', `/views/${encodeURIComponent(view.id)}`, { body: { name } }),
    onSuccess: async () => {
      await queries.invalidateQueries({ queryKey: savedViewsKey(page) });
      onDone();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    rename.mutate();
  };
  const errors = formErrors(rename.error === null ? undefined : asApiError(rename.error), ['body.name']);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => form.current?.querySelector('input')?.select(), []);
  useEffect(() => {
    if (rename.error !== null) form.current?.querySelector('input')?.focus();
  }, [rename.error]);
  return (
    <form className="saved-view-rename" onSubmit={submit} ref={form} noValidate aria-label={`Rename ${view.name}`}>
      <TextField label="New name" value={name} onChange={setName} error={errors.at('body.name')} required />
      {errors.rest !== undefined && (
        <p className="form-error" role="alert">
          {errors.rest}
        </p>
      )}
      <div className="row">
        <button type="submit" className="button primary" disabled={rename.isPending}>
          {rename.isPending ? 'Saving…' : 'Save name'}
        </button>
        <button type="button" className="button" onClick={onDone} disabled={rename.isPending}>
          Cancel
        </button>
      </div>
    </form>
  );
}
