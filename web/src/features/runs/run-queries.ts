import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api } from '../../api/api-client.ts';
import type { RunDetailAnswer, RunListAnswer } from '../../api/types.ts';
import { runListFilter, type RunSearch } from './run-search.ts';

/**
 * A page of the runs the URL's filters match. The key holds the filters as the URL does, a relative window
 * (`within=24h`) as such, and each fetch (a refetch too) turns the window into the time it starts then:
 * the list slides with the clock without a key that changes on every render.
 */
export const runListQuery = (search: RunSearch, page: { cursor: string | undefined; limit: number }) =>
  queryOptions({
    queryKey: ['runs', 'list', search, page],
    queryFn: ({ signal }) => api<RunListAnswer>('GET', '/runs', { query: { ...runListFilter(search, Date.now()), ...page }, signal }),
    placeholderData: keepPreviousData,
  });

/** A run and its journal; polled while it has not ended. */
export const runDetailQuery = (id: string) =>
  queryOptions({
    queryKey: ['runs', 'detail', id],
    queryFn: ({ signal }) => api<RunDetailAnswer>('GET', `/runs/${encodeURIComponent(id)}`, { signal }),
    refetchInterval: (query) => {
      const status = query.state.data?.run.status;
      return status === 'running' ? 1500 : status === 'waiting' ? 10_000 : false;
    },
  });
