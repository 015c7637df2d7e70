/** The main navigation: each page and the permission that shows it. */
export interface NavItem {
  to: '/' | '/approvals' | '/catalog' | '/requests' | '/runs' | '/workflows' | '/events' | '/audit' | '/governance' | '/settings';
  label: string;
  permission: string;
  /** Another label for those who also hold `permission`, for whom the page shows more. */
  widerLabel?: { permission: string; label: string };
}

/** The requests page shows the caller's own, and everyone's to who may read all requests. */
export const REQUESTS_LABEL = { own: 'My requests', all: 'Requests', allPermission: 'requests.read_all' } as const;

export const NAV_ITEMS: readonly NavItem[] = [
  { to: '/', label: 'Home', permission: 'account.self' },
  { to: '/approvals', label: 'Approvals', permission: 'approvals.read' },
  { to: '/catalog', label: 'Catalog', permission: 'catalog.read' },
  { to: '/requests', label: REQUESTS_LABEL.own, permission: 'requests.submit', widerLabel: { permission: REQUESTS_LABEL.allPermission, label: REQUESTS_LABEL.all } },
  { to: '/runs', label: 'Runs', permission: 'runs.read' },
  { to: '/workflows', label: 'Workflows', permission: 'workflows.read' },
  { to: '/events', label: 'Events & messages', permission: 'events.read' },
  { to: '/audit', label: 'Audit trail', permission: 'audit.read' },
  { to: '/governance', label: 'Money rules', permission: 'workflows.read' },
  { to: '/settings', label: 'Settings', permission: 'account.self' },
];

/** What the item is called for whoever holds `may`'s permissions. */
export function navLabel(item: NavItem, may: (permission: string) => boolean): string {
  return item.widerLabel !== undefined && may(item.widerLabel.permission) ? item.widerLabel.label : item.label;
}
