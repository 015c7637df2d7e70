import { createRoute } from '@tanstack/react-router';
import { appRoute } from '../../layout/root-route.tsx';
import { PageHeader } from '../../ui/page-header.tsx';

// Placeholder until the workflows pages land.
function WorkflowsPage() {
  return <PageHeader title="Workflows" subtitle="Coming in this issue." />;
}

export const workflowsRoutes = [createRoute({ getParentRoute: () => appRoute, path: '/workflows', component: WorkflowsPage })];
