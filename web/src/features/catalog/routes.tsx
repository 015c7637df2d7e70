import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute } from '../../layout/root-route.tsx';
import { parseRequestSearch } from './request-search.ts';

// Each page is its own chunk; the offering form's chunk carries the shared field checks.
export const catalogRoutes = [
  createRoute({ getParentRoute: () => appRoute, path: '/catalog', component: lazyRouteComponent(() => import('./catalog-page.tsx'), 'CatalogPage') }),
  createRoute({ getParentRoute: () => appRoute, path: '/catalog/$offeringId', component: lazyRouteComponent(() => import('./offering-form-page.tsx'), 'OfferingFormPage') }),
  createRoute({ getParentRoute: () => appRoute, path: '/requests', validateSearch: parseRequestSearch, component: lazyRouteComponent(() => import('./requests-page.tsx'), 'RequestsPage') }),
  createRoute({ getParentRoute: () => appRoute, path: '/requests/$id', component: lazyRouteComponent(() => import('./request-detail-page.tsx'), 'RequestDetailPage') }),
];
