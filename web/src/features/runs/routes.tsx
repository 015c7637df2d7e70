import { createRoute } from '@tanstack/react-router';
import { appRoute } from '../../layout/root-route.tsx';
import { PageHeader } from '../../ui/page-header.tsx';

// Placeholder until the runs pages land.
function RunsPage() {
  return <PageHeader title="Runs" subtitle="Coming in this issue." />;
}

export const runsRoutes = [createRoute({ getParentRoute: () => appRoute, path: '/runs', component: RunsPage })];
