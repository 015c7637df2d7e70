import { queryOptions } from '@tanstack/react-query';
import type { ViewPage } from '../../../../src/core/saved-view-pages.ts';
import { api } from '../../api/api-client.ts';
import type { SavedViewList } from '../../api/types.ts';

/** The saved views the caller can use on a page: their own and those shared with their teams, by name. */
export const savedViewsQuery = (page: ViewPage) =>
  queryOptions({
    queryKey: ['saved-views', page],
    queryFn: async () => (await api<SavedViewList>('GET', '/views', { query: { page } })).views,
  });

/** What a change of a page's views makes stale. */
export const savedViewsKey = (page: ViewPage) => ['saved-views', page];
