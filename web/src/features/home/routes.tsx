import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute } from '../../layout/root-route.tsx';

export const homeRoutes = [createRoute({ getParentRoute: () => appRoute, path: '/', component: lazyRouteComponent(() => import('./home-page.tsx'), 'HomePage') })];
