/**
 * The inbox's view as kept in the page's URL (`/approvals?view=all&team=finance`), so a bookmark or
 * a shared link opens the same view: whose tasks, which tab, the order, and the team and workflow filters.
 */

/** `mine`: the tasks the caller may decide; `all`: every pending task. */
export type InboxView = 'mine' | 'all';
export type InboxTab = 'open' | 'decided';
/** How open tasks are ordered: most urgent first (the default), or the largest amount first. */
export type InboxSort = 'urgency' | 'amount';

/** Only what differs from the default view is in the URL. */
export interface InboxSearch {
  view?: 'all';
  /** Of "mine" only: all pending tasks have no decided tab. */
  tab?: 'decided';
  sort?: 'amount';
  /** A team's id. */
  team?: string;
  /** A workflow's id. */
  workflow?: string;
}

/** Keeps what the URL holds that makes sense in the inbox; anything else is dropped, not an error. */
export function parseInboxSearch(search: Record<string, unknown>): InboxSearch {
  const text = (key: string): string | undefined => {
    const value = search[key];
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  };
  return withoutDefaults({
    ...(search.view === 'all' ? { view: 'all' } : {}),
    ...(search.tab === 'decided' ? { tab: 'decided' } : {}),
    ...(search.sort === 'amount' ? { sort: 'amount' } : {}),
    team: text('team'),
    workflow: text('workflow'),
  });
}

/** The search with the unset and the meaningless left out (a tab of all pending tasks), for a clean URL. */
export function withoutDefaults(search: InboxSearch): InboxSearch {
  const { view, tab, sort, team, workflow } = search;
  return {
    ...(view === 'all' ? { view } : {}),
    ...(tab === 'decided' && view !== 'all' ? { tab } : {}),
    ...(sort === 'amount' ? { sort } : {}),
    ...(team === undefined || team === '' ? {} : { team }),
    ...(workflow === undefined || workflow === '' ? {} : { workflow }),
  };
}
