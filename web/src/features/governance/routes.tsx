import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute } from '../../layout/root-route.tsx';

export const governanceRoutes = [createRoute({ getParentRoute: () => appRoute, path: '/governance', component: lazyRouteComponent(() => import('./governance-page.tsx'), 'GovernancePage') })];
