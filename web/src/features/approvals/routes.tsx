import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute } from '../../layout/root-route.tsx';
import type { InboxSort, InboxTab } from './approvals-api.ts';

const inboxRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/approvals',
  validateSearch: (search: Record<string, unknown>): { tab?: InboxTab; sort?: InboxSort } => ({
    ...(search.tab === 'decided' ? { tab: 'decided' } : {}),
    ...(search.sort === 'amount' ? { sort: 'amount' } : {}),
  }),
  component: lazyRouteComponent(() => import('./inbox-page.tsx'), 'InboxPage'),
});

const taskRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/approvals/$id',
  component: lazyRouteComponent(() => import('./task-page.tsx'), 'TaskPage'),
});

export const approvalsRoutes = [inboxRoute, taskRoute];
