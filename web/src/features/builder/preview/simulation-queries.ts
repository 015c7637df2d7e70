import { queryOptions, useMutation } from '@tanstack/react-query';
import { api } from '../../../api/api-client.ts';
import type { EventSummary } from '../../../api/types.ts';
import type { Backtest, BacktestRequest, BacktestRunPage, Preview, PreviewRequest } from './simulation-types.ts';

const RUN_PAGE = 25;
const EVENT_PAGE = 50;

/** Runs the draft once with its side effects stubbed (or, with `effects: 'sandbox'`, for real in the sandbox). */
export function usePreviewRun() {
  return useMutation({ mutationFn: (request: PreviewRequest) => api<{ preview: Preview }>('POST', '/preview', { body: request }).then((answer) => answer.preview) });
}

/** Starts a backtest; it runs on the server and is followed with `backtestQuery`. */
export function useStartBacktest() {
  return useMutation({ mutationFn: (request: BacktestRequest) => api<{ backtest: Backtest }>('POST', '/backtests', { body: request }).then((answer) => answer.backtest) });
}

/** One backtest, polled every second while it runs. */
export const backtestQuery = (id: string) =>
  queryOptions({
    queryKey: ['backtests', id],
    queryFn: () => api<{ backtest: Backtest }>('GET', `/backtests/${encodeURIComponent(id)}`).then((answer) => answer.backtest),
    staleTime: 0,
    refetchInterval: (query) => (query.state.data?.status === 'running' ? 1000 : false),
  });

/** A page of a finished backtest's would-be runs. */
export const backtestRunsQuery = (id: string, cursor: string | undefined, status: string | undefined) =>
  queryOptions({
    queryKey: ['backtests', id, 'runs', cursor ?? null, status ?? null],
    queryFn: () => api<BacktestRunPage>('GET', `/backtests/${encodeURIComponent(id)}/runs`, { query: { limit: RUN_PAGE, cursor, status } }),
    // A finished backtest's runs never change.
    staleTime: Infinity,
  });

/** The newest stored events of one type, to preview the draft against one of them. */
export const eventsOfTypeQuery = (type: string) =>
  queryOptions({
    queryKey: ['events', 'list', 'type', type],
    queryFn: () => api<{ events: EventSummary[]; next_cursor: string | null }>('GET', '/events', { query: { type, limit: EVENT_PAGE } }),
    staleTime: 0,
  });
