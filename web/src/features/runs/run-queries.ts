import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api } from '../../api/api-client.ts';
import type { RunDetailAnswer, RunListAnswer } from '../../api/types.ts';

/** What the runs list asks the API for (GET /runs query parameters). */
export interface RunListQuery {
  workflow?: string | undefined;
  status?: string | undefined;
  created_after?: string | undefined;
  created_before?: string | undefined;
  event?: string | undefined;
  object?: string | undefined;
  request?: string | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
}

export const runListQuery = (query: RunListQuery) =>
  queryOptions({
    queryKey: ['runs', 'list', query],
    queryFn: ({ signal }) => api<RunListAnswer>('GET', '/runs', { query: { ...query }, signal }),
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
