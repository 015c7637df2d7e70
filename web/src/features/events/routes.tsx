import { createRoute } from '@tanstack/react-router';
import { appRoute } from '../../layout/root-route.tsx';
import { PageHeader } from '../../ui/page-header.tsx';

// Placeholder until the events pages land.
function EventsPage() {
  return <PageHeader title="Events & messages" subtitle="Coming in this issue." />;
}

export const eventsRoutes = [createRoute({ getParentRoute: () => appRoute, path: '/events', component: EventsPage })];
