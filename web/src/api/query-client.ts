import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './api-error.ts';

/** One query cache for the app. A 4xx is an answer, not a hiccup: only network errors and 5xx are retried. */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 10_000,
      refetchOnWindowFocus: true,
      retry: (failures, error) => failures < 2 && (!(error instanceof ApiError) || error.status === 0 || error.status >= 500),
    },
    mutations: { retry: false },
  },
});
