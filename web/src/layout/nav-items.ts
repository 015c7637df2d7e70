/** The main navigation: each page and the permission that shows it. */
export interface NavItem {
  to: '/' | '/approvals' | '/catalog' | '/requests' | '/runs' | '/workflows' | '/events' | '/audit' | '/governance' | '/settings';
  label: string;
  permission: string;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { to: '/', label: 'Home', permission: 'account.self' },
  { to: '/approvals', label: 'Approvals', permission: 'approvals.read' },
  { to: '/catalog', label: 'Catalog', permission: 'catalog.read' },
  { to: '/requests', label: 'My requests', permission: 'requests.submit' },
  { to: '/runs', label: 'Runs', permission: 'runs.read' },
  { to: '/workflows', label: 'Workflows', permission: 'workflows.read' },
  { to: '/events', label: 'Events & messages', permission: 'events.read' },
  { to: '/audit', label: 'Audit trail', permission: 'audit.read' },
  { to: '/governance', label: 'Money rules', permission: 'workflows.read' },
  { to: '/settings', label: 'Settings', permission: 'account.self' },
];
