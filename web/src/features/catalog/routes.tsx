import { createRoute } from '@tanstack/react-router';
import { appRoute } from '../../layout/root-route.tsx';
import { PageHeader } from '../../ui/page-header.tsx';

// Placeholder until the catalog pages land.
function CatalogPage() {
  return <PageHeader title="Catalog" subtitle="Coming in this issue." />;
}
function MyRequestsPage() {
  return <PageHeader title="My requests" subtitle="Coming in this issue." />;
}

export const catalogRoutes = [
  createRoute({ getParentRoute: () => appRoute, path: '/catalog', component: CatalogPage }),
  createRoute({ getParentRoute: () => appRoute, path: '/requests', component: MyRequestsPage }),
];
