import { queryOptions } from '@tanstack/react-query';
import { api } from '../../../api/api-client.ts';
import type { Team } from '../../../api/types.ts';
import type { EventTypeDetail, EventTypeSummary, OperationReference } from './reference-types.ts';

// The reference changes only with a new Tollgate: fetched once per page load.
const once = { staleTime: Infinity, gcTime: Infinity } as const;

export const operationsQuery = queryOptions({
  queryKey: ['reference', 'operations'],
  queryFn: () => api<{ operations: OperationReference[] }>('GET', '/reference/operations'),
  ...once,
});

export const eventTypesQuery = queryOptions({
  queryKey: ['reference', 'event-types'],
  queryFn: () => api<{ event_types: EventTypeSummary[]; default_currency: string }>('GET', '/reference/event-types'),
  ...once,
});

export const eventTypeQuery = (type: string) =>
  queryOptions({
    queryKey: ['reference', 'event-types', type],
    queryFn: () => api<{ event_type: EventTypeDetail }>('GET', `/reference/event-types/${encodeURIComponent(type)}`),
    ...once,
    retry: false,
  });

export const teamsQuery = queryOptions({
  queryKey: ['settings', 'teams'],
  queryFn: () => api<{ teams: Team[] }>('GET', '/teams'),
});
