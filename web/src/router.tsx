import { createRouter } from '@tanstack/react-router';
import { setUnauthenticatedHandler } from './api/api-client.ts';
import { queryClient } from './api/query-client.ts';
import { approvalsRoutes } from './features/approvals/routes.tsx';
import { builderRoutes } from './features/builder/routes.tsx';
import { catalogRoutes } from './features/catalog/routes.tsx';
import { previewRoutes } from './features/builder/preview/routes.tsx';
import { eventsRoutes } from './features/events/routes.tsx';
import { homeRoutes } from './features/home/routes.tsx';
import { runsRoutes } from './features/runs/routes.tsx';
import { settingsRoutes } from './features/settings/routes.tsx';
import { workflowsRoutes } from './features/workflows/routes.tsx';
import { auditRoutes } from './features/audit/routes.tsx';
import { governanceRoutes } from './features/governance/routes.tsx';
import { appRoute, loginRoute, rootRoute, unknownPageRoute } from './layout/root-route.tsx';
import { Loading } from './ui/states.tsx';

const routeTree = rootRoute.addChildren([
  loginRoute,
  appRoute.addChildren([...homeRoutes, ...approvalsRoutes, ...catalogRoutes, ...runsRoutes, ...workflowsRoutes, ...eventsRoutes, ...auditRoutes, ...governanceRoutes, ...settingsRoutes, ...builderRoutes, ...previewRoutes, unknownPageRoute]),
]);

export const router = createRouter({
  routeTree,
  context: { queryClient },
  defaultPreload: 'intent',
  defaultPreloadStaleTime: 0,
  defaultPendingComponent: Loading,
  scrollRestoration: true,
});

// A session that ends mid-use: back to login, then to the same page.
setUnauthenticatedHandler(() => {
  const here = router.state.location.href;
  if (router.state.location.pathname === '/login') return;
  queryClient.clear();
  void router.navigate({ to: '/login', search: { redirect: here, expired: true } });
});

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
