import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute } from '../../layout/root-route.tsx';

/** Settings: a layout with one tab per section; each section loads on its own. */
const settingsRoute = createRoute({ getParentRoute: () => appRoute, path: '/settings', component: lazyRouteComponent(() => import('./settings-layout.tsx'), 'SettingsLayout') });

const accountRoute = createRoute({ getParentRoute: () => settingsRoute, path: '/', component: lazyRouteComponent(() => import('./account-section.tsx'), 'AccountSection') });
const usersRoute = createRoute({ getParentRoute: () => settingsRoute, path: '/users', component: lazyRouteComponent(() => import('./users-section.tsx'), 'UsersSection') });
const teamsRoute = createRoute({ getParentRoute: () => settingsRoute, path: '/teams', component: lazyRouteComponent(() => import('./teams-section.tsx'), 'TeamsSection') });
const apiKeysRoute = createRoute({ getParentRoute: () => settingsRoute, path: '/api-keys', component: lazyRouteComponent(() => import('./api-keys-section.tsx'), 'ApiKeysSection') });
const connectorsRoute = createRoute({ getParentRoute: () => settingsRoute, path: '/connectors', component: lazyRouteComponent(() => import('./connectors-section.tsx'), 'ConnectorsSection') });

export const settingsRoutes = [settingsRoute.addChildren([accountRoute, usersRoute, teamsRoute, apiKeysRoute, connectorsRoute])];
