import { createRoute } from '@tanstack/react-router';
import { appRoute } from '../../layout/root-route.tsx';
import { PageHeader } from '../../ui/page-header.tsx';

// Placeholder until the home pages land.
function HomePage() {
  return <PageHeader title="Home" subtitle="Coming in this issue." />;
}

export const homeRoutes = [createRoute({ getParentRoute: () => appRoute, path: '/', component: HomePage })];
