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

const runNowRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/workflows/$id/run',
  component: lazyRouteComponent(() => import('./run-now-page.tsx'), 'RunNowPage'),
});

const templatesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/templates',
  component: lazyRouteComponent(() => import('./templates-page.tsx'), 'TemplatesPage'),
});

const compareRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/workflows/$id/compare',
  validateSearch: (search: Record<string, unknown>): { a?: number; b?: number } => {
    const version = (value: unknown) => {
      const number = Number(value);
      return Number.isSafeInteger(number) && number > 0 ? number : undefined;
    };
    const a = version(search.a);
    const b = version(search.b);
    return { ...(a === undefined ? {} : { a }), ...(b === undefined ? {} : { b }) };
  },
  component: lazyRouteComponent(() => import('./compare-page.tsx'), 'ComparePage'),
});

export const workflowsRoutes = [workflowsRoute, workflowRoute, runNowRoute, templatesRoute, compareRoute];
