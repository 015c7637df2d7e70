/** Reads about workflows that several features show: a version's graph (runs, compare) and the workflows' names (filters, home). */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from './api-client.ts';
import type { WorkflowGraphAnswer, WorkflowListItem } from './types.ts';

type WorkflowList = { workflows: WorkflowListItem[] };

/** A published version's graph: immutable, so read once. */
export const workflowGraphQuery = (workflow: string, version: number) =>
  queryOptions({
    queryKey: ['workflows', workflow, 'versions', version, 'graph'],
    queryFn: ({ signal }) => api<WorkflowGraphAnswer>('GET', `/workflows/${encodeURIComponent(workflow)}/versions/${version}/graph`, { signal }),
    staleTime: Infinity,
  });

/** Workflow ids and titles, for filters and for showing names where the API gives ids. */
export const workflowNamesQuery = queryOptions({
  queryKey: ['workflows', 'names'],
  queryFn: async ({ signal }) => {
    const answer = await api<WorkflowList>('GET', '/workflows', { signal });
    return answer.workflows.map((workflow) => ({ id: workflow.id, title: workflow.title }));
  },
  staleTime: 60_000,
});

/** A workflow's name for people: its title ("Customer refund"); its id until the titles arrive, or when it is gone. */
export function useWorkflowName(): (id: string) => string {
  const workflows = useQuery(workflowNamesQuery).data;
  return (id) => workflows?.find((workflow) => workflow.id === id)?.title ?? id;
}
