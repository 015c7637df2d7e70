import { Link, Outlet } from '@tanstack/react-router';
import { can, useMe } from '../../auth/session.ts';
import { PageHeader } from '../../ui/page-header.tsx';

const SECTIONS = [
  { to: '/settings', label: 'My account', permission: 'account.self' },
  { to: '/settings/users', label: 'Users & roles', permission: 'identity.admin' },
  { to: '/settings/teams', label: 'Teams', permission: 'workflows.read' },
  { to: '/settings/api-keys', label: 'API keys', permission: 'account.self' },
  { to: '/settings/connectors', label: 'Connectors', permission: 'workflows.read' },
] as const;

/** The settings page: tabs for the sections the person may see, the section below. */
export function SettingsLayout() {
  const me = useMe();
  return (
    <div className="settings-page">
      <PageHeader title="Settings" subtitle="Your account, people and teams, API keys and connectors." />
      <nav className="settings-tabs" aria-label="Settings sections">
        {SECTIONS.filter((section) => can(me, section.permission)).map((section) => (
          <Link key={section.to} to={section.to} activeOptions={{ exact: true }} activeProps={{ className: 'active', 'aria-current': 'page' }}>
            {section.label}
          </Link>
        ))}
      </nav>
      <Outlet />
    </div>
  );
}
