import { createRoute } from '@tanstack/react-router';
import { appRoute } from '../../layout/root-route.tsx';
import { PageHeader } from '../../ui/page-header.tsx';

// Placeholder until the approvals pages land.
function ApprovalsPage() {
  return <PageHeader title="Approvals" subtitle="Coming in this issue." />;
}

export const approvalsRoutes = [createRoute({ getParentRoute: () => appRoute, path: '/approvals', component: ApprovalsPage })];
