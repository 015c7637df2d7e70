/**
 * A saved view's filters against the page's: a page reads its query string with its own `parse…Search`, so
 * two query strings are the same view when they read as the same filters, whatever their order or encoding.
 */
import type { NamedThing, ViewFilter } from '../../../../src/core/saved-view-pages.ts';
import type { SavedView } from '../../api/types.ts';

/** A page's reading of its URL's search (`parseRunSearch`): the filters it keeps, anything else dropped. */
export type SearchReader = (search: Record<string, unknown>) => object;

/** The filters as one comparable text: keys sorted, unset ones left out. */
function filterText(search: object): string {
  const set = Object.entries(search).filter(([, value]) => value !== undefined && value !== '');
  return JSON.stringify(set.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Whether two readings of a page's search are the same filters. */
export function sameFilters(a: object, b: object): boolean {
  return filterText(a) === filterText(b);
}

/**
 * The view whose filters are the page's now (the first by name when several are), so the page can name it;
 * undefined once the filters change. `parseQuery` turns a query string into the router's raw search.
 */
export function currentView(views: readonly SavedView[], current: object, read: SearchReader, parseQuery: (query: string) => Record<string, unknown>): SavedView | undefined {
  return views.find((view) => sameFilters(read(parseQuery(view.query)), current));
}

/**
 * A team's, a workflow's, a service's or an offering's title for people, from its id; `scope` is the value of the
 * filter the id is unique within (an offering's service), when the search has it.
 */
export type TitleOf = (thing: NamedThing, id: string, scope: string | undefined) => string;

/**
 * The filters of a page's search for people, in the page's order: its label and the value (a choice by its
 * label, a team's, a workflow's, a service's or an offering's id by `titleOf`).
 */
export function filterPairs(search: object, filters: readonly ViewFilter[], titleOf: TitleOf): { key: string; label: string; value: string }[] {
  const values = new Map(Object.entries(search));
  return filters.flatMap((filter) => {
    const value: unknown = values.get(filter.key);
    if (value === undefined || value === '') return [];
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    const scope: unknown = filter.scopedBy === undefined ? undefined : values.get(filter.scopedBy);
    const shown = filter.names === undefined ? filter.choices?.find((choice) => choice.value === text)?.label : titleOf(filter.names, text, typeof scope === 'string' && scope !== '' ? scope : undefined);
    return [{ key: filter.key, label: filter.label, value: shown ?? text }];
  });
}
