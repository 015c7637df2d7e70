import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/api-client.ts';
import type { Version, VersionSummary, WorkflowDetail, WorkflowListItem } from '../../api/types.ts';

export const workflowsQuery = queryOptions({
  queryKey: ['workflows'],
  queryFn: () => api<{ workflows: WorkflowListItem[] }>('GET', '/workflows'),
  // Last runs and failures move on their own.
  staleTime: 0,
});

export const workflowQuery = (id: string) =>
  queryOptions({ queryKey: ['workflows', id], queryFn: () => api<{ workflow: WorkflowDetail }>('GET', `/workflows/${encodeURIComponent(id)}`) });

export const versionsQuery = (id: string) =>
  queryOptions({ queryKey: ['workflows', id, 'versions'], queryFn: () => api<{ versions: VersionSummary[] }>('GET', `/workflows/${encodeURIComponent(id)}/versions`) });

export const versionQuery = (id: string, version: number) =>
  queryOptions({
    queryKey: ['workflows', id, 'versions', version],
    queryFn: () => api<{ version: Version }>('GET', `/workflows/${encodeURIComponent(id)}/versions/${version}`),
    // Published versions never change.
    staleTime: Infinity,
  });

export type StatusAction = 'activate' | 'deactivate' | 'archive';

/** Activate, deactivate or archive a workflow; refreshes the list and the workflow. */
export function useStatusAction(id: string) {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (action: StatusAction) => api<{ workflow: WorkflowDetail }>('POST', `/workflows/${encodeURIComponent(id)}/${action}`),
    onSuccess: () => queries.invalidateQueries({ queryKey: ['workflows'] }),
  });
}

/**
 * Rolls back to an old version: re-publishes it as a new version (the draft becomes that version,
 * and an active workflow runs the new version from now on). Answers the new version.
 */
export function useRollback(id: string) {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (version: number) => api<{ version: Version }>('POST', `/workflows/${encodeURIComponent(id)}/publish`, { body: { from_version: version } }),
    onSuccess: () => queries.invalidateQueries({ queryKey: ['workflows'] }),
  });
}
