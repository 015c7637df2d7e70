import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute } from '../../layout/root-route.tsx';

const workflowsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/workflows',
  component: lazyRouteComponent(() => import('./workflows-page.tsx'), 'WorkflowsPage'),
});

const workflowRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/workflows/$id',
  validateSearch: (search: Record<string, unknown>): { version?: number } => {
    const version = Number(search.version);
    return Number.isSafeInteger(version) && version > 0 ? { version } : {};
  },
  component: lazyRouteComponent(() => import('./workflow-detail-page.tsx'), 'WorkflowDetailPage'),
});

const templatesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/templates',
  component: lazyRouteComponent(() => import('./templates-page.tsx'), 'TemplatesPage'),
});

export const workflowsRoutes = [workflowsRoute, workflowRoute, templatesRoute];
