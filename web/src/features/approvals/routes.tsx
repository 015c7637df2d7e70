import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute } from '../../layout/root-route.tsx';
import { parseInboxSearch } from './inbox-search.ts';

const inboxRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/approvals',
  validateSearch: parseInboxSearch,
  component: lazyRouteComponent(() => import('./inbox-page.tsx'), 'InboxPage'),
});

const taskRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/approvals/$id',
  component: lazyRouteComponent(() => import('./task-page.tsx'), 'TaskPage'),
});

export const approvalsRoutes = [inboxRoute, taskRoute];
