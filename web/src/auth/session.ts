import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../api/api-client.ts';
import type { Me } from '../api/types.ts';

/** Who is logged in (`GET /auth/me`); a 401 means no session. */
export const meQuery = queryOptions({
  queryKey: ['auth', 'me'],
  queryFn: () => api<Me>('GET', '/auth/me'),
  staleTime: 60_000,
  retry: false,
});

/** The logged-in person; only inside the signed-in layout, which loads it first. */
export function useMe(): Me {
  const { data } = useQuery(meQuery);
  if (data === undefined) throw new Error('useMe outside the signed-in layout');
  return data;
}

/** Whether the caller holds a permission, e.g. `approvals.decide`. */
export function can(me: Me, permission: string): boolean {
  return me.permissions.includes(permission);
}
