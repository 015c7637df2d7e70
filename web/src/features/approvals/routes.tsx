import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute } from '../../layout/root-route.tsx';
import type { InboxTab } from './approvals-api.ts';

const inboxRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/approvals',
  validateSearch: (search: Record<string, unknown>): { tab?: InboxTab } => (search.tab === 'decided' ? { tab: 'decided' } : {}),
  component: lazyRouteComponent(() => import('./inbox-page.tsx'), 'InboxPage'),
});

const taskRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/approvals/$id',
  component: lazyRouteComponent(() => import('./task-page.tsx'), 'TaskPage'),
});

export const approvalsRoutes = [inboxRoute, taskRoute];
