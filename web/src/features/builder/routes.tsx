import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute } from '../../layout/root-route.tsx';

const newWorkflowRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/workflows/new',
  component: lazyRouteComponent(() => import('./new-workflow-page.tsx'), 'NewWorkflowPage'),
});

const editWorkflowRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/workflows/$id/edit',
  component: lazyRouteComponent(() => import('./builder-page.tsx'), 'BuilderPage'),
});

export const builderRoutes = [newWorkflowRoute, editWorkflowRoute];
