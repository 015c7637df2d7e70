import { createRoute } from '@tanstack/react-router';
import { appRoute } from '../../layout/root-route.tsx';
import { PageHeader } from '../../ui/page-header.tsx';

// Placeholder until the settings pages land.
function SettingsPage() {
  return <PageHeader title="Settings" subtitle="Coming in this issue." />;
}

export const settingsRoutes = [createRoute({ getParentRoute: () => appRoute, path: '/settings', component: SettingsPage })];
