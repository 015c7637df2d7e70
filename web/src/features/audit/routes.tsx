import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute } from '../../layout/root-route.tsx';

export const auditRoutes = [
  createRoute({ getParentRoute: () => appRoute, path: '/audit', component: lazyRouteComponent(() => import('./audit-page.tsx'), 'AuditPage') }),
  createRoute({ getParentRoute: () => appRoute, path: '/audit/$seq', component: lazyRouteComponent(() => import('./audit-entry-page.tsx'), 'AuditEntryPage') }),
];
