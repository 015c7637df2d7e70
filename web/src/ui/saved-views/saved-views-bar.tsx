import { useQuery } from '@tanstack/react-query';
import { useNavigate, useRouter } from '@tanstack/react-router';
import { useId, useState } from 'react';
import type { ViewPage } from '../../../../src/core/saved-view-pages.ts';
import { asApiError } from '../../api/api-error.ts';
import type { SavedView } from '../../api/types.ts';
import { useTeamName } from '../../api/team-names.ts';
import { ManageViewsDialog } from './manage-views-dialog.tsx';
import { SaveViewDialog } from './save-view-dialog.tsx';
import { savedViewsQuery } from './saved-views-api.ts';
import { currentView, type SearchReader } from './view-filters.ts';

/** Where each page lives: a view's query string is applied there. */
const PAGE_PATHS: Record<ViewPage, string> = { approvals: '/approvals', runs: '/runs', requests: '/requests', events: '/events' };

export interface SavedViewsBarProps {
  page: ViewPage;
  /** The page's filters now, as its route reads them from the URL. */
  search: object;
  /** How the page reads a URL's search (its `parse…Search`), to tell whether a view's filters are the page's now. */
  read: SearchReader;
}

/**
 * A list page's saved views, beside its filters: pick one to apply its filters, save the filters now on the page
 * under a name (for oneself or a team of one's own), rename or delete one's own. While the page's filters are a
 * view's, the picker shows its name; a change of filter leaves it.
 */
export function SavedViewsBar({ page, search, read }: SavedViewsBarProps) {
  const router = useRouter();
  const navigate = useNavigate();
  const views = useQuery(savedViewsQuery(page));
  const pickerId = useId();
  const [dialog, setDialog] = useState<'save' | 'manage'>();
  // Said to screen readers once a view is applied, saved or deleted: the picker's change alone is easy to miss.
  const [said, setSaid] = useState('');
  const list = views.data ?? [];
  const parseQuery = (query: string) => router.options.parseSearch(query) as Record<string, unknown>;
  const current = currentView(list, search, read, parseQuery);
  // What the page writes in its URL for these filters (the router's own serialisation), without the `?`.
  const query = router.options.stringifySearch(search as Record<string, unknown>).replace(/^\?/, '');
  const changeable = list.filter((view) => view.can_change);
  const apply = (id: string) => {
    const view = list.find((item) => item.id === id);
    if (view === undefined) return;
    void navigate({ href: view.query === '' ? PAGE_PATHS[page] : `${PAGE_PATHS[page]}?${view.query}` });
    setSaid(`Showing the view “${view.name}”.`);
  };
  return (
    <div className="saved-views" aria-busy={views.isPending}>
      {/* No picker until there is a view to pick (nor while they load): the page keeps its room for its filters. */}
      {list.length > 0 && (
        <div className="field">
          {/* A label of its own (not around the select), so the picker's name is not read with its value twice. */}
          <label htmlFor={pickerId}>Saved view</label>
          <select id={pickerId} value={current?.id ?? ''} onChange={(changed) => apply(changed.target.value)}>
            <option value="" disabled>
              {query === '' ? 'Choose a view…' : 'Unsaved filters'}
            </option>
            <ViewOptions views={list} />
          </select>
        </div>
      )}
      <div className="row saved-views-actions">
        <button type="button" className="button" onClick={() => setDialog('save')}>
          Save view…
        </button>
        {changeable.length > 0 && (
          <button type="button" className="button subtle" onClick={() => setDialog('manage')} aria-label="Manage saved views">
            Manage…
          </button>
        )}
      </div>
      {views.isError && (
        <p className="field-error saved-views-error">
          Saved views could not be loaded: {asApiError(views.error).message}{' '}
          <button type="button" className="button subtle" onClick={() => void views.refetch()}>
            Try again
          </button>
        </p>
      )}
      <p className="visually-hidden" role="status">
        {said}
      </p>
      <SaveViewDialog
        open={dialog === 'save'}
        page={page}
        query={query}
        search={search}
        onClose={() => setDialog(undefined)}
        onSaved={(view) => {
          setDialog(undefined);
          setSaid(`Saved the view “${view.name}”${view.team === null ? '' : ', shared with your team'}.`);
        }}
      />
      <ManageViewsDialog
        open={dialog === 'manage'}
        page={page}
        views={changeable}
        onClose={() => setDialog(undefined)}
        onDeleted={(view) => setSaid(`Deleted the view “${view.name}”.`)}
      />
    </div>
  );
}

/**
 * The caller's own views, then each team's shared views under the team's name; one someone else saved says
 * whose (the part of their email before the @, to keep the picker narrow).
 */
function ViewOptions({ views }: { views: readonly SavedView[] }) {
  const teamName = useTeamName();
  const own = views.filter((view) => view.team === null);
  const shared = views.filter((view): view is SavedView & { team: string } => view.team !== null);
  const teams = [...new Set(shared.map((view) => view.team))].sort();
  return (
    <>
      {own.length > 0 && (
        <optgroup label="Yours">
          {own.map((view) => (
            <option key={view.id} value={view.id}>
              {view.name}
            </option>
          ))}
        </optgroup>
      )}
      {teams.map((team) => (
        <optgroup key={team} label={`Shared with ${teamName(team)}`}>
          {shared
            .filter((view) => view.team === team)
            .map((view) => (
              <option key={view.id} value={view.id}>
                {view.mine ? view.name : `${view.name} · ${view.owner.split('@')[0] ?? view.owner}`}
              </option>
            ))}
        </optgroup>
      ))}
    </>
  );
}
