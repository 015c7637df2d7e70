import { Description, Dialog, DialogPanel, DialogTitle } from '@headlessui/react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { VIEW_PAGE_FILTERS, type NamedThing, type ViewPage } from '../../../../src/core/saved-view-pages.ts';
import { api } from '../../api/api-client.ts';
import { asApiError } from '../../api/api-error.ts';
import type { SavedView, SavedViewAnswer } from '../../api/types.ts';
import { useMe } from '../../auth/session.ts';
import { useOfferingName, useServiceName } from '../../api/catalog-reads.ts';
import { useTeamName } from '../../api/team-names.ts';
import { useWorkflowName } from '../../api/workflow-reads.ts';
import { FieldFrame, TextField } from '../form-fields.tsx';
import { useKeyedSubmit } from '../form-actions.tsx';
import { formErrors } from '../form-errors.ts';
import { savedViewsKey } from './saved-views-api.ts';
import { filterPairs } from './view-filters.ts';

export interface SaveViewDialogProps {
  open: boolean;
  page: ViewPage;
  /** The page's query string now, as its URL has it (without the `?`). */
  query: string;
  /** The same filters as the page reads them, to show what is saved. */
  search: object;
  onClose: () => void;
  onSaved: (view: SavedView) => void;
}

/** Saving the filters now on a page under a name, for oneself or shared with one of one's teams. */
export function SaveViewDialog({ open, onClose, ...form }: SaveViewDialogProps) {
  return (
    <Dialog open={open} onClose={onClose} className="dialog">
      <div className="dialog-backdrop" aria-hidden="true" />
      <div className="dialog-frame">
        <DialogPanel className="card dialog-panel">
          <DialogTitle as="h2">Save view</DialogTitle>
          <SaveViewForm {...form} onClose={onClose} />
        </DialogPanel>
      </div>
    </Dialog>
  );
}

/** Mounted each time the dialog opens, so it starts empty. */
function SaveViewForm({ page, query, search, onClose, onSaved }: Omit<SaveViewDialogProps, 'open'>) {
  const queries = useQueryClient();
  const teams = useMe().user.teams;
  const teamName = useTeamName();
  const titles: Record<NamedThing, (id: string, scope: string | undefined) => string> = { team: teamName, workflow: useWorkflowName(), service: useServiceName(), offering: useOfferingName() };
  const [name, setName] = useState('');
  const [team, setTeam] = useState('');
  const save = useMutation({
    mutationFn: (idempotencyKey: string) => api<SavedViewAnswer>('POST', '/views', { idempotencyKey, body: { page, name, query, team: team === '' ? null : team } }),
    onSuccess: async (answer) => {
      await queries.invalidateQueries({ queryKey: savedViewsKey(page) });
      onSaved(answer.view);
    },
  });
  const { edited, submit } = useKeyedSubmit((idempotencyKey) => save.mutate(idempotencyKey));
  const errors = formErrors(save.error === null ? undefined : asApiError(save.error), ['body.name', 'body.team', 'body.query']);
  const pairs = filterPairs(search, VIEW_PAGE_FILTERS[page], (thing, id, scope) => titles[thing](id, scope));
  // A refusal moves focus to the field it names, so a screen reader reads the problem with the field.
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (save.error !== null) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [save.error]);
  return (
    <form onSubmit={submit} noValidate ref={form}>
      <Description className="muted">Come back to these filters in one click from the Saved view list.</Description>
      <TextField label="Name" value={name} onChange={edited(setName)} error={errors.at('body.name')} required placeholder="Finance, largest first" autoFocus />
      {teams.length === 0 ? (
        <p className="muted">You are in no team, so the view is yours alone.</p>
      ) : (
        <FieldFrame label="Share with" hint={team === '' ? 'Only you see it. Pick a team to share it with its members.' : 'Its members find it in their list and can use it; only you can rename or delete it.'} error={errors.at('body.team')}>
          {({ id, describedBy }) => (
            <select id={id} value={team} onChange={(changed) => edited(setTeam)(changed.target.value)} aria-describedby={describedBy} aria-invalid={errors.at('body.team') !== undefined}>
              <option value="">Only me</option>
              {teams.map((item) => (
                <option key={item} value={item}>
                  {teamName(item)}
                </option>
              ))}
            </select>
          )}
        </FieldFrame>
      )}
      <div className="saved-view-filters">
        <h3>Filters it keeps</h3>
        {pairs.length === 0 ? (
          <p className="muted">None: the page as it first opens.</p>
        ) : (
          <ul>
            {pairs.map((pair) => (
              <li key={pair.key}>
                <span className="muted">{pair.label}:</span> {pair.value}
              </li>
            ))}
          </ul>
        )}
        {errors.at('body.query') !== undefined && <p className="field-error">{errors.at('body.query')}</p>}
      </div>
      {errors.rest !== undefined && (
        <p className="form-error" role="alert">
          {errors.rest}
        </p>
      )}
      <div className="actions dialog-actions">
        <button type="button" className="button" onClick={onClose} disabled={save.isPending}>
          Cancel
        </button>
        <button type="submit" className="button primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save view'}
        </button>
      </div>
    </form>
  );
}
