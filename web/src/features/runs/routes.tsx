import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute } from '../../layout/root-route.tsx';
import { parseRunSearch } from './run-search.ts';

export const runsListRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/runs',
  validateSearch: parseRunSearch,
  component: lazyRouteComponent(() => import('./runs-page.tsx'), 'RunsPage'),
});

export const runDetailRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/runs/$id',
  component: lazyRouteComponent(() => import('./run-detail-page.tsx'), 'RunDetailPage'),
});

export const runsRoutes = [runsListRoute, runDetailRoute];
