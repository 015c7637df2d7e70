import type { QueryClient } from '@tanstack/react-query';
import { createRootRouteWithContext, createRoute, Outlet, redirect } from '@tanstack/react-router';
import { ApiError } from '../api/api-error.ts';
import { LoginPage } from '../auth/login-page.tsx';
import { meQuery } from '../auth/session.ts';
import { NotFound, RouteError } from '../ui/states.tsx';
import { AppShell } from './app-shell.tsx';

export interface RouterContext {
  queryClient: QueryClient;
}

export const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  notFoundComponent: NotFound,
  errorComponent: RouteError,
});

export const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/login',
  validateSearch: (search: Record<string, unknown>): { redirect?: string; expired?: boolean } => ({
    ...(typeof search.redirect === 'string' ? { redirect: search.redirect } : {}),
    ...(search.expired === true || search.expired === 'true' ? { expired: true } : {}),
  }),
  component: LoginPage,
});

/** Every page but login: loads who is signed in first, and sends everyone else to login and back. */
export const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  beforeLoad: async ({ context, location }) => {
    try {
      await context.queryClient.ensureQueryData(meQuery);
    } catch (error) {
      // TanStack Router's redirect is thrown by design.
      // eslint-disable-next-line @typescript-eslint/only-throw-error
      if (error instanceof ApiError && error.status === 401) throw redirect({ to: '/login', search: { redirect: location.href } });
      throw error;
    }
  },
  component: AppShell,
  // An unknown page inside the app keeps its menu: there is somewhere to go from it.
  notFoundComponent: NotFound,
});

/** Any other path, signed in: "This page does not exist" inside the app, with its menu. */
export const unknownPageRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '$',
  component: NotFound,
});
